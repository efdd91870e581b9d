/** Settings: the settings feature's sections, with the Sync section from the sync feature. */
import SettingsSections from '../../features/settings/SettingsPage';
import { SyncSettings } from '../../features/sync/SyncSettings';

export default function SettingsPage() {
  return (
    <SettingsSections>
      <SyncSettings />
    </SettingsSections>
  );
}
