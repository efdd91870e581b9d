import { useTranslation } from '../../i18n';
import { chooseLanguage, currentLanguage, LANGUAGES } from '../../i18n';
import { SelectField } from '../../components/Field';
import { useCounter } from '../../hooks/useCounter';
import { useShopSettings } from '../../hooks/useShopSettings';
import { MessageTemplatesEditor } from './MessageTemplatesEditor';
import { AuditLogPanel } from './AuditLogPanel';
import { BackupPanel } from './BackupPanel';
import { CsvExportPanel } from './CsvExportPanel';
import { ImportPanel } from './ImportPanel';
import { PinsPanel } from './PinsPanel';
import { QuickNotesEditor } from './QuickNotesEditor';
import { ShopForm } from './ShopForm';
import { StageRulesEditor } from './StageRulesEditor';
import { StaffEditor } from './StaffEditor';
import { StorageStatus } from './StorageStatus';
import { WarekiSettings } from './WarekiSettings';

/** What anyone at the counter may change on this device: its language; and how its storage is. */
export function DeviceSettings() {
  const { t } = useTranslation();
  return (
    <>
      <section className="panel">
        <SelectField
          label={t('settings.language')}
          value={currentLanguage()}
          options={LANGUAGES.map((language) => ({ value: language, label: t(`settings.languages.${language}`) }))}
          onChange={(language) => void chooseLanguage(language)}
        />
      </section>
      <StorageStatus />
    </>
  );
}

/** The shop's settings: owners only (the app screen wraps these in its owner guard). */
export function OwnerSettings() {
  const { t } = useTranslation();
  const counter = useCounter();
  const settings = useShopSettings();
  return (
    <>
      <StaffEditor counter={counter} />
      <PinsPanel counter={counter} lockAfterMinutes={settings.lockAfterMinutes} />
      <QuickNotesEditor quickNotes={settings.quickNotes} ctx={counter.ctx} />
      <ShopForm settings={settings} ctx={counter.ctx} />
      <WarekiSettings wareki={settings.wareki} ctx={counter.ctx} />
      <StageRulesEditor rules={settings.stageRules} counter={counter} />
      <MessageTemplatesEditor templates={settings.messageTemplates} counter={counter} />
      <BackupPanel counter={counter} />
      <ImportPanel counter={counter} />
      <CsvExportPanel counter={counter} />
      <AuditLogPanel counter={counter} />
      <section className="panel" aria-labelledby="about-heading">
        <h2 id="about-heading">{t('settings.about')}</h2>
        <p className="muted">{t('settings.version', { version: __APP_VERSION__ })}</p>
      </section>
    </>
  );
}
