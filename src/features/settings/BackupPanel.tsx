/**
 * Backup and restore: one tap writes the whole ledger to a file (optionally encrypted); restoring
 * first shows what the file holds, then merges it or (after a confirmation) replaces the ledger,
 * with a progress bar. The restore itself never leaves a half-written ledger (src/db/restore.ts).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from '../../i18n';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { TextField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { ProgressBar } from '../../components/ProgressBar';
import { useToast } from '../../components/Toasts';
import { exportBackup, lastBackupAt } from '../../db/backup';
import { PassphraseNeededError, readBackupText, restoreBackup, RestoreRunningError, type RestoreMode, type RestoreProgress } from '../../db/restore';
import type { Counter } from '../../hooks/useCounter';
import { WrongPassphraseError } from '../../lib/backup-crypto';
import { BackupFileError, summarizeBackup, type Backup, type BackupSummary } from '../../lib/backup-format';
import { downloadFile } from '../../lib/download';
import { formatDate, formatDateTime } from '../../lib/format';

interface Opened {
  backup: Backup;
  summary: BackupSummary;
}

export function BackupPanel({ counter }: { counter: Counter }) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const last = useLiveQuery(lastBackupAt, []);
  const [passphrase, setPassphrase] = useState('');
  const [exporting, setExporting] = useState(false);
  const [exportFailure, setExportFailure] = useState<unknown>();

  const [file, setFile] = useState<File | undefined>();
  const [restorePassphrase, setRestorePassphrase] = useState('');
  const [needsPassphrase, setNeedsPassphrase] = useState(false);
  const [opened, setOpened] = useState<Opened | undefined>();
  const [mode, setMode] = useState<RestoreMode>('merge');
  const [confirming, setConfirming] = useState(false);
  const [progress, setProgress] = useState<RestoreProgress | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [restoreFailure, setRestoreFailure] = useState<unknown>();
  const [done, setDone] = useState<string | undefined>();

  const backUp = async () => {
    setExporting(true);
    setExportFailure(undefined);
    try {
      const result = await exportBackup(counter.ctx, { passphrase: passphrase || undefined, appVersion: __APP_VERSION__ });
      downloadFile(result.fileName, result.text, 'application/json');
      toast({ message: t('safety.backup.exported', { file: result.fileName, count: result.customers }) });
      setPassphrase('');
    } catch (error) {
      setExportFailure(error);
    } finally {
      setExporting(false);
    }
  };

  const open = async (chosen: File | undefined, secret = restorePassphrase): Promise<Opened | undefined> => {
    setProblem(undefined);
    setRestoreFailure(undefined);
    setDone(undefined);
    setOpened(undefined);
    if (!chosen) return undefined;
    try {
      const text = await chosen.text();
      const backup = await readBackupText(text, needsPassphrase || secret ? secret : undefined);
      const original = JSON.parse(text.replace(/^\uFEFF/, '')) as { schemaVersion?: number };
      const result = { backup, summary: summarizeBackup(backup, original.schemaVersion ?? backup.schemaVersion) };
      setOpened(result);
      return result;
    } catch (error) {
      if (error instanceof PassphraseNeededError) {
        setNeedsPassphrase(true);
        setProblem(t('safety.backup.problems.passphrase'));
      } else if (error instanceof WrongPassphraseError) setProblem(t('safety.backup.problems.wrongPassphrase'));
      else if (error instanceof BackupFileError) setProblem(t(`safety.backup.problems.${error.problem}`));
      else setProblem(t('safety.backup.problems.notBackup'));
      return undefined;
    }
  };

  const restore = async () => {
    setConfirming(false);
    const ready = opened ?? (await open(file));
    if (!ready) return;
    setRestoreFailure(undefined);
    setProgress({ done: 0, total: 1 });
    try {
      const result = await restoreBackup(ready.backup, mode, counter.ctx, setProgress);
      setDone(t('safety.backup.restored', { written: result.written, removed: result.removed }));
      setOpened(undefined);
    } catch (error) {
      if (error instanceof RestoreRunningError) setProblem(t('safety.backup.problems.running'));
      else setRestoreFailure(error);
    } finally {
      setProgress(undefined);
    }
  };

  return (
    <section className="panel" aria-labelledby="backup-heading">
      <h2 id="backup-heading">{t('safety.backup.heading')}</h2>
      <p className="muted small">{t('safety.backup.intro')}</p>
      <p className="small">{last ? t('safety.backup.last', { date: formatDateTime(last, i18n.language) }) : t('safety.backup.never')}</p>
      <div className="form">
        <TextField
          label={t('safety.backup.passphrase')}
          hint={t('safety.backup.passphraseHint')}
          value={passphrase}
          onChange={setPassphrase}
          type="password"
          autoComplete="new-password"
        />
        <FormAlert failure={exportFailure} />
        <div className="actions">
          <button type="button" className="button button--primary" disabled={exporting} onClick={() => void backUp()}>
            {t('safety.backup.export')}
          </button>
        </div>
      </div>

      <hr className="divider" />
      <div className="form">
        <div className="field">
          <label className="field__label" htmlFor="restore-file">
            {t('safety.backup.restoreFile')}
          </label>
          <input
            id="restore-file"
            className="input input--file"
            type="file"
            accept=".json,application/json"
            aria-describedby="restore-file-hint"
            onChange={(e) => {
              const chosen = e.target.files?.[0];
              setFile(chosen);
              setNeedsPassphrase(false);
              setRestorePassphrase('');
              void open(chosen, '');
            }}
          />
          <p className="field__hint" id="restore-file-hint">
            {t('safety.backup.restoreHint')}
          </p>
        </div>
        {needsPassphrase && (
          <div className="row row--end">
            <TextField
              className="grow"
              label={t('safety.backup.restorePassphrase')}
              value={restorePassphrase}
              onChange={setRestorePassphrase}
              type="password"
              autoComplete="off"
            />
            <button type="button" className="button" onClick={() => void open(file)}>
              {t('safety.backup.open')}
            </button>
          </div>
        )}
        {problem && (
          <p className="form-alert" role="alert">
            {problem}
          </p>
        )}
        {opened && (
          <div className="restore-preview">
            <p>
              {t('safety.backup.summary', {
                date: formatDate(opened.summary.exportedAt, i18n.language),
                customers: opened.summary.customers,
                visits: opened.summary.visits,
                consents: opened.summary.consents,
                staff: opened.summary.staff,
              })}
            </p>
            {opened.summary.schemaVersion < opened.backup.schemaVersion && (
              <p className="muted small">{t('safety.backup.olderVersion', { version: opened.summary.schemaVersion })}</p>
            )}
            <fieldset className="fieldset">
              <legend>{t('safety.backup.mode')}</legend>
              {(['merge', 'replace'] as const).map((m) => (
                <label key={m} className="radio">
                  <input type="radio" name="restore-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
                  <span>{t(`safety.backup.${m}`)}</span>
                </label>
              ))}
            </fieldset>
          </div>
        )}
        {progress && <ProgressBar label={t('safety.backup.progress')} done={progress.done} total={progress.total} />}
        <FormAlert failure={restoreFailure} />
        {restoreFailure !== undefined && <p className="muted small">{t('safety.backup.problems.failed')}</p>}
        {done && (
          <p className="status status--granted" role="status">
            {done}
          </p>
        )}
        <div className="actions">
          <button
            type="button"
            className="button button--primary"
            disabled={!file || progress !== undefined}
            onClick={() => (mode === 'replace' ? setConfirming(true) : void restore())}
          >
            {t('safety.backup.restore')}
          </button>
        </div>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('safety.backup.confirmTitle')}
        body={t('safety.backup.confirmBody')}
        confirmLabel={t('safety.backup.confirmReplace')}
        cancelLabel={t('customer.cancel')}
        danger
        onConfirm={() => void restore()}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}
