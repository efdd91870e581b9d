/**
 * Settings → Sync. A device that does not sync yet can start sync (becoming the shop's owner
 * device) or join a shop with a pairing code; a syncing device shows where it syncs, and the owner
 * device adds devices (pairing code and QR code) and revokes them.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { Checkbox, TextField } from '../../components/Field';
import { useHeldBackCount, useSyncSetup, useSyncStatus } from './useSyncStatus';
import { EncryptionError } from '../../sync/engine';
import { SyncRequestError } from '../../sync/http-api';
import { guessDeviceName, MIN_PASSPHRASE_LENGTH, pairingCodeFromHash, type PairingCode } from '../../sync/pairing';
import { syncActions, syncLoop } from '../../sync/runtime';
import { DeviceList } from './DeviceList';
import { PairingCodePanel } from './PairingCodePanel';
import { SetAsideChanges } from './SetAsideChanges';

export function SyncSettings() {
  const { t } = useTranslation();
  const setup = useSyncSetup();
  const [pairing, setPairing] = useState<PairingCode>();
  if (!setup) return null;
  const { connection } = setup;
  return (
    <section className="panel" id="sync" aria-labelledby="sync-heading">
      <h2 id="sync-heading">{t('sync.heading')}</h2>
      {connection && !connection.revoked ? (
        <SyncingView
          pairing={pairing}
          onPairing={setPairing}
          encrypted={setup.encrypted}
          serverUrl={connection.serverUrl}
          deviceName={connection.deviceName}
          deviceId={connection.deviceId}
          owner={connection.owner}
        />
      ) : (
        <NotSyncingView canStart={!connection} onStarted={setPairing} />
      )}
    </section>
  );
}

function errorMessage(t: ReturnType<typeof useTranslation>['t'], error: unknown, server: string): string {
  if (error instanceof SyncRequestError) {
    const kind = error.kind === 'code-unknown' || error.kind === 'code-expired' || error.kind === 'code-used' || error.kind === 'offline' || error.kind === 'unreachable' ? error.kind : 'server';
    return t(`sync.joinError.${kind}`, { server });
  }
  if (error instanceof EncryptionError) return t(`sync.problem.${error.problem}`);
  return t('sync.joinError.server');
}

function NotSyncingView({ canStart, onStarted }: { canStart: boolean; onStarted: (pairing: PairingCode) => void }) {
  const { t } = useTranslation();
  const [server, setServer] = useState(() => globalThis.location?.origin ?? '');
  const [deviceName, setDeviceName] = useState(() => guessDeviceName(globalThis.navigator?.userAgent ?? ''));
  const [encrypt, setEncrypt] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [code, setCode] = useState(() => pairingCodeFromHash(globalThis.location?.hash ?? '') ?? '');
  const [joinPassphrase, setJoinPassphrase] = useState('');
  const [busy, setBusy] = useState<'start' | 'join'>();
  const [startError, setStartError] = useState<string>();
  const [joinError, setJoinError] = useState<string>();

  const start = async (event: FormEvent) => {
    event.preventDefault();
    setStartError(undefined);
    if (encrypt && passphrase.length < MIN_PASSPHRASE_LENGTH) return setStartError(t('sync.passphraseTooShort'));
    setBusy('start');
    try {
      onStarted(await syncActions.startSync(server, deviceName.trim() || guessDeviceName(''), encrypt ? passphrase : undefined));
    } catch (error) {
      setStartError(errorMessage(t, error, server));
    } finally {
      setBusy(undefined);
    }
  };

  const join = async (event: FormEvent) => {
    event.preventDefault();
    setJoinError(undefined);
    if (!code.trim()) return setJoinError(t('sync.codeRequired'));
    setBusy('join');
    try {
      await syncActions.joinShop(server, code, deviceName.trim() || guessDeviceName(''), joinPassphrase || undefined);
    } catch (error) {
      setJoinError(errorMessage(t, error, server));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <>
      <p className="muted">{t('sync.intro')}</p>
      <div className="form">
        <TextField label={t('sync.serverAddress')} hint={t('sync.serverHint')} value={server} onChange={setServer} inputMode="url" autoComplete="url" />
        <TextField label={t('sync.deviceName')} hint={t('sync.deviceNameHint')} value={deviceName} onChange={setDeviceName} autoComplete="off" />
      </div>
      {canStart && (
        <form className="subpanel form" onSubmit={(e) => void start(e)}>
          <p className="small">{t('sync.startIntro')}</p>
          <Checkbox label={t('sync.encrypt')} hint={t('sync.encryptHint')} checked={encrypt} onChange={setEncrypt} />
          {encrypt && (
            <TextField
              label={t('sync.passphrase')}
              hint={t('sync.passphraseHint')}
              type="password"
              value={passphrase}
              onChange={setPassphrase}
              autoComplete="new-password"
            />
          )}
          {startError && (
            <p className="form-alert" role="alert">
              {startError}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="button button--primary" disabled={busy !== undefined}>
              {busy === 'start' ? t('sync.starting') : t('sync.start')}
            </button>
          </div>
        </form>
      )}
      <form className="subpanel form" onSubmit={(e) => void join(e)}>
        <h3>{t('sync.joinHeading')}</h3>
        <p className="small muted">{t('sync.joinIntro')}</p>
        <TextField label={t('sync.enterCode')} value={code} onChange={setCode} autoComplete="off" autoCapitalize="characters" spellCheck={false} />
        <TextField label={t('sync.joinPassphrase')} type="password" value={joinPassphrase} onChange={setJoinPassphrase} autoComplete="current-password" />
        {joinError && (
          <p className="form-alert" role="alert">
            {joinError}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy !== undefined}>
            {busy === 'join' ? t('sync.joining') : t('sync.join')}
          </button>
        </div>
      </form>
    </>
  );
}

interface SyncingViewProps {
  pairing: PairingCode | undefined;
  onPairing: (pairing: PairingCode) => void;
  encrypted: boolean;
  serverUrl: string;
  deviceName: string;
  deviceId: string;
  owner: boolean;
}

function SyncingView({ pairing, onPairing, encrypted, serverUrl, deviceName, deviceId, owner }: SyncingViewProps) {
  const { t } = useTranslation();
  const { problem } = useSyncStatus();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [refresh, setRefresh] = useState(0);
  const heldBack = useHeldBackCount();
  const needsPassphrase = problem === 'passphrase-needed' || problem === 'wrong-passphrase';

  // The owner role may have been handed to or from this device on another one since.
  useEffect(() => {
    syncActions.refreshRole().catch(() => undefined);
  }, [refresh]);

  // A code shown earlier may expire while the screen stays open.
  useEffect(() => {
    if (!pairing) return;
    const timer = setTimeout(() => onPairing({ ...pairing, code: '' }), Math.max(0, pairing.expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [pairing, onPairing]);

  const addDevice = async () => {
    setFailure(undefined);
    setBusy(true);
    try {
      onPairing(await syncActions.createPairingCode());
      setRefresh((n) => n + 1);
    } catch (error) {
      setFailure(errorMessage(t, error, serverUrl));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p>{t('sync.connected', { server: serverUrl, name: deviceName })}</p>
      {owner && <p className="muted small">{t('sync.ownerDevice')}</p>}
      <p className="muted small">{encrypted ? t('sync.encryptionOn') : t('sync.encryptionOff')}</p>
      {needsPassphrase && <UnlockForm />}
      {problem === 'shop-full' && (
        <p className="form-alert" role="alert">
          {t('sync.shopFull')}
        </p>
      )}
      {heldBack > 0 && (
        <p className="form-alert" role="alert">
          {t('sync.heldBack', { count: heldBack })}
        </p>
      )}
      <div className="actions actions--start">
        <button type="button" className="button" onClick={() => void syncLoop.syncNow().then(() => setRefresh((n) => n + 1))}>
          {t('sync.syncNow')}
        </button>
        {owner && (
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void addDevice()}>
            {t('sync.addDevice')}
          </button>
        )}
      </div>
      {failure && (
        <p className="form-alert" role="alert">
          {failure}
        </p>
      )}
      <SetAsideChanges />
      {owner && pairing?.code && <PairingCodePanel pairing={pairing} />}
      {owner && <DeviceList thisDeviceId={deviceId} refreshKey={refresh} />}
    </>
  );
}

function UnlockForm() {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [wrong, setWrong] = useState(false);
  const [busy, setBusy] = useState(false);
  const unlock = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      setWrong(!(await syncActions.unlock(passphrase)));
    } catch {
      setWrong(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="subpanel form" onSubmit={(e) => void unlock(e)}>
      <h3>{t('sync.unlockHeading')}</h3>
      <p className="small">{t('sync.unlockIntro')}</p>
      <TextField label={t('sync.passphrase')} type="password" value={passphrase} onChange={setPassphrase} autoComplete="current-password" />
      {wrong && (
        <p className="form-alert" role="alert">
          {t('sync.wrongPassphrase')}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy || !passphrase}>
          {t('sync.unlock')}
        </button>
      </div>
    </form>
  );
}
