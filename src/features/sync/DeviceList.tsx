/** The owner device's list of the shop's devices, each revocable (its token stops working at once). */
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n';
import type { DeviceInfo } from '../../../server/sync/protocol';
import { useToast } from '../../components/Toasts';
import { formatDateTime } from '../../lib/format';
import { syncActions } from '../../sync/runtime';

export function DeviceList({ thisDeviceId, refreshKey }: { thisDeviceId: string; refreshKey: number }) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const [devices, setDevices] = useState<DeviceInfo[] | 'unavailable'>();
  const [revocations, setRevocations] = useState(0);

  useEffect(() => {
    let current = true;
    syncActions.devices().then(
      (list) => current && setDevices(list),
      () => current && setDevices('unavailable'),
    );
    return () => {
      current = false;
    };
  }, [refreshKey, revocations]);

  if (devices === undefined) return null;
  return (
    <section className="subpanel" aria-labelledby="sync-devices-heading">
      <h3 id="sync-devices-heading">{t('sync.devices')}</h3>
      {devices === 'unavailable' ? (
        <p className="muted small">{t('sync.devicesUnavailable')}</p>
      ) : (
        <ul className="device-list">
          {devices.map((device) => (
            <li key={device.id} className="device-list__item">
              <div>
                <strong>{device.name}</strong>
                <span className="muted small block">
                  {[
                    device.id === thisDeviceId ? t('sync.thisDevice') : undefined,
                    device.owner ? t('sync.owner') : undefined,
                    device.revokedAt ? t('sync.revokedDevice') : undefined,
                    device.lastSeenAt ? t('sync.lastSeen', { date: formatDateTime(device.lastSeenAt, i18n.language) }) : t('sync.neverSeen'),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </div>
              {device.id !== thisDeviceId && !device.revokedAt && (
                <button
                  type="button"
                  className="button button--ghost button--danger-text"
                  onClick={async () => {
                    try {
                      await syncActions.revoke(device.id);
                      toast({ message: t('sync.revokedToast', { name: device.name }) });
                    } catch {
                      toast({ message: t('sync.joinError.unreachable', { server: '' }) });
                    }
                    setRevocations((n) => n + 1);
                  }}
                >
                  {t('sync.revoke', { name: device.name })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
