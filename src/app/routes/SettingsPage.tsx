/**
 * Settings: the device's own (language, storage) for anyone at the counter; the shop's (sync,
 * staff, PINs, rules, backups, import and export, audit log) for owners only. Staff who open it
 * see why the rest is not there, and can unlock as an owner when PINs are set.
 */
import { useTranslation } from '../../i18n';
import { DeviceSettings, OwnerSettings } from '../../features/settings/SettingsPage';
import { SyncSettings } from '../../features/sync/SyncSettings';
import { OwnerOnly } from '../OwnerOnly';

export default function SettingsPage() {
  const { t } = useTranslation();
  return (
    <section className="page page--settings">
      <h1>{t('settings.heading')}</h1>
      <DeviceSettings />
      <OwnerOnly section>
        <SyncSettings />
        <OwnerSettings />
      </OwnerOnly>
    </section>
  );
}
