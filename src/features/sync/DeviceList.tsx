/**
 * The owner device's list of the shop's devices. Each other device can be revoked (its token stops
 * working at once) or made the owner device (confirmed with an owner's PIN when the shop uses PINs),
 * after which the new owner device can revoke this one: a tablet being replaced, or lost later. The owner device is never offered
 * "Revoke": the server refuses it, since the shop would have nobody left to manage its devices.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from '../../i18n';
import type { DeviceInfo } from '../../../server/sync/protocol';
import { LazyPinForm as PinForm } from '../../components/LazyPinForm';
import { Modal } from '../../components/Modal';
import { useToast } from '../../components/Toasts';
import { verifyStaffPin } from '../../db/staff/staff';
import { useCounter } from '../../hooks/useCounter';
import { formatDateTime } from '../../lib/format';
import { syncActions } from '../../sync/runtime';

export function DeviceList({ thisDeviceId, refreshKey }: { thisDeviceId: string; refreshKey: number }) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const [devices, setDevices] = useState<DeviceInfo[] | 'unavailable'>();
  const [revocations, setRevocations] = useState(0);
  const [handingTo, setHandingTo] = useState<DeviceInfo>();

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
              {device.id !== thisDeviceId && !device.owner && !device.revokedAt && (
                <div className="actions">
                  <button type="button" className="button button--ghost" onClick={() => setHandingTo(device)}>
                    {t('sync.makeOwner', { name: device.name })}
                  </button>
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
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {handingTo && <HandOverDialog device={handingTo} onClose={() => setHandingTo(undefined)} />}
    </section>
  );
}

/**
 * Confirms handing the owner role to `device`. Like every PIN check in the app, the PIN is asked
 * once the shop uses PINs (then an owner's PIN, checked on this device, even though an owner is
 * already at the counter: the step cannot be undone from here); a shop without PINs confirms with
 * a tap, as it does everything owner-only.
 */
function HandOverDialog({ device, onClose }: { device: DeviceInfo; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const counter = useCounter();
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const owners = counter.staff.filter((s) => s.role === 'owner' && s.pin);

  const handOver = async () => {
    setFailed(false);
    setBusy(true);
    try {
      await syncActions.makeOwner(device.id);
      toast({ message: t('sync.madeOwnerToast', { name: device.name }) });
      onClose();
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  const confirmWithPin = async (staffId: string, pin: string): Promise<boolean> => {
    if (!(await verifyStaffPin(staffId, pin))) return false;
    await handOver();
    return true;
  };

  let confirmation: ReactNode;
  if (!counter.pinsRequired) {
    confirmation = (
      <div className="actions">
        <button type="button" className="button" onClick={onClose}>
          {t('safety.pin.cancel')}
        </button>
        <button type="button" className="button button--primary" disabled={busy} onClick={() => void handOver()}>
          {t('sync.makeOwnerConfirm')}
        </button>
      </div>
    );
  } else if (owners.length > 0) {
    confirmation = <PinForm people={owners} onUnlock={confirmWithPin} onCancel={onClose} submitLabel={t('sync.makeOwnerConfirm')} autoFocus />;
  } else {
    confirmation = (
      <>
        <p className="form-alert" role="alert">
          {t('sync.makeOwnerNeedsPin')}
        </p>
        <div className="actions">
          <button type="button" className="button" onClick={onClose}>
            {t('safety.pin.cancel')}
          </button>
        </div>
      </>
    );
  }

  return (
    <Modal open title={t('sync.makeOwnerHeading', { name: device.name })} onClose={onClose}>
      <p>{t(counter.pinsRequired ? 'sync.makeOwnerIntroPin' : 'sync.makeOwnerIntro', { name: device.name })}</p>
      {confirmation}
      {failed && (
        <p className="form-alert" role="alert">
          {t('sync.makeOwnerError')}
        </p>
      )}
    </Modal>
  );
}
