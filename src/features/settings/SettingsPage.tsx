import { useTranslation } from 'react-i18next';
import { chooseLanguage, currentLanguage, LANGUAGES } from '../../i18n';
import { SelectField } from '../../components/Field';
import { useCounter } from '../../hooks/useCounter';
import { useShopSettings } from '../../hooks/useShopSettings';
import { AuditLogPanel } from './AuditLogPanel';
import { BackupPanel } from './BackupPanel';
import { CsvExportPanel } from './CsvExportPanel';
import { ImportPanel } from './ImportPanel';
import { PinsPanel } from './PinsPanel';
import { QuickNotesEditor } from './QuickNotesEditor';
import { ShopForm } from './ShopForm';
import { StaffEditor } from './StaffEditor';
import { StorageStatus } from './StorageStatus';

export default function SettingsPage() {
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
      <PinsPanel counter={counter} lockAfterMinutes={settings.lockAfterMinutes} />
      <QuickNotesEditor quickNotes={settings.quickNotes} ctx={counter.ctx} />
      <ShopForm settings={settings} ctx={counter.ctx} />
      <StorageStatus />
      <BackupPanel counter={counter} />
      <ImportPanel counter={counter} />
      <CsvExportPanel counter={counter} />
      <AuditLogPanel counter={counter} />
      <section className="panel" aria-labelledby="about-heading">
        <h2 id="about-heading">{t('settings.about')}</h2>
        <p className="muted">{t('settings.version', { version: __APP_VERSION__ })}</p>
      </section>
    </section>
  );
}
