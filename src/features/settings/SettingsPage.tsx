import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, currentLanguage, LANGUAGES } from '../../i18n';
import { SelectField } from '../../components/Field';
import { useCounter } from '../../hooks/useCounter';
import { useShopSettings } from '../../hooks/useShopSettings';
import { QuickNotesEditor } from './QuickNotesEditor';
import { ShopForm } from './ShopForm';
import { StaffEditor } from './StaffEditor';
import { StorageStatus } from './StorageStatus';

/** `children`: sections other features add (composed in src/app/routes/SettingsPage.tsx). */
export default function SettingsPage({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const counter = useCounter();
  const settings = useShopSettings();
  return (
    <section className="page page--settings">
      <h1>{t('settings.heading')}</h1>
      <section className="panel">
        <SelectField
          label={t('settings.language')}
          value={currentLanguage()}
          options={LANGUAGES.map((language) => ({ value: language, label: t(`settings.languages.${language}`) }))}
          onChange={(language) => void chooseLanguage(language)}
        />
      </section>
      <StaffEditor counter={counter} />
      <QuickNotesEditor quickNotes={settings.quickNotes} ctx={counter.ctx} />
      <ShopForm settings={settings} ctx={counter.ctx} />
      <StorageStatus />
      {children}
      <section className="panel" aria-labelledby="about-heading">
        <h2 id="about-heading">{t('settings.about')}</h2>
        <p className="muted">{t('settings.version', { version: __APP_VERSION__ })}</p>
      </section>
    </section>
  );
}
