/**
 * The panels of Settings, each a section of its own (src/app/routes/SettingsPage.tsx gives every
 * section an address and composes them with Settings → Sync, which lives in the sync feature).
 */
import { useTranslation } from '../../i18n';
import { chooseLanguage, currentLanguage, LANGUAGES } from '../../i18n';
import { SelectField } from '../../components/Field';
import { useCounter } from '../../hooks/useCounter';
import { useShopSettings } from '../../hooks/useShopSettings';
import { FollowUpRulesEditor } from './FollowUpRulesEditor';
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
import { templatesWithDefaults } from '../../i18n/message-template-defaults';
import { followUpRulesOf } from '../../lib/follow-up-ladder';

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

export function StaffSettings() {
  const counter = useCounter();
  const settings = useShopSettings();
  return (
    <>
      <StaffEditor counter={counter} />
      <PinsPanel counter={counter} lockAfterMinutes={settings.lockAfterMinutes} />
    </>
  );
}

export function ShopSettings() {
  const counter = useCounter();
  const settings = useShopSettings();
  return (
    <>
      <ShopForm settings={settings} ctx={counter.ctx} />
      <WarekiSettings wareki={settings.wareki} ctx={counter.ctx} />
    </>
  );
}

export function QuickNotesSettings() {
  const counter = useCounter();
  const settings = useShopSettings();
  return <QuickNotesEditor quickNotes={settings.quickNotes} ctx={counter.ctx} />;
}

export function StageSettings() {
  const counter = useCounter();
  const settings = useShopSettings();
  return <StageRulesEditor rules={settings.stageRules} counter={counter} />;
}

export function FollowUpRulesSettings() {
  const counter = useCounter();
  const settings = useShopSettings();
  return <FollowUpRulesEditor rules={followUpRulesOf(settings.followUpRules)} counter={counter} />;
}

export function MessageSettings() {
  const counter = useCounter();
  const settings = useShopSettings();
  return (
    <MessageTemplatesEditor templates={templatesWithDefaults(settings.messageTemplates)} counter={counter} />
  );
}

export function BackupSettings() {
  return <BackupPanel counter={useCounter()} />;
}

export function ImportSettings() {
  return <ImportPanel counter={useCounter()} />;
}

export function ExportSettings() {
  return <CsvExportPanel counter={useCounter()} />;
}

export function AuditSettings() {
  return <AuditLogPanel counter={useCounter()} />;
}

export function AboutPanel() {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="about-heading">
      <h2 id="about-heading">{t('settings.about')}</h2>
      <p className="muted">{t('settings.version', { version: __APP_VERSION__ })}</p>
    </section>
  );
}
