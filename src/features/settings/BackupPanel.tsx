/**
 * Backup and restore: one tap writes the whole ledger to a file (optionally encrypted); restoring
 * first shows what the file holds, then merges it or (after a confirmation) replaces the ledger,
 * with a progress bar. The restore itself never leaves a half-written ledger (src/db/backup/restore.ts).
 *
 * On a device that syncs, what a restore does reaches every device of the shop, so the screen says
 * so before anything is written: under the choice of mode, and in a confirmation with the counts
 * of what will be marked deleted and changed everywhere (the same rules the restore uses).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation, type TranslationKey } from '../../i18n';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { TextField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { ProgressBar } from './ProgressBar';
import { useToast } from '../../components/Toasts';
import { BACKUP_MIME_TYPE, exportBackup, lastBackupAt } from '../../db/backup/backup';
import {
  openBackup,
  PassphraseNeededError,
  planRestore,
  restoreBackup,
  RestoreRunningError,
  type OpenedBackup,
  type RestoreMode,
  type RestorePlan,
  type RestoreProgress,
} from '../../db/backup/restore';
import { capturesChanges } from '../../db/backup/restore-sync';
import type { Counter } from '../../hooks/useCounter';
import { WrongPassphraseError } from '../../lib/backup-crypto';
import { BackupFileError } from '../../lib/backup-format';
import { downloadFile } from '../../lib/download';
import { formatDate, formatDateTime } from '../../lib/format';
import { RestoreRemovalsNotice } from './RestoreRemovalsNotice';

/** Tables the summary names beyond its first sentence (customers, visits, consents and staff). */
const MORE_TABLES: Readonly<Record<string, TranslationKey>> = {
  followUps: 'safety.backup.tableNames.followUps',
  cautionHistory: 'safety.backup.tableNames.cautionHistory',
  suppressions: 'safety.backup.tableNames.suppressions',
  appraisals: 'safety.backup.tableNames.appraisals',
  ledgerEntries: 'safety.backup.tableNames.ledgerEntries',
  photos: 'safety.backup.tableNames.photos',
  audit: 'safety.backup.tableNames.audit',
  settings: 'safety.backup.tableNames.settings',
};
const IN_FIRST_SENTENCE = new Set(['customers', 'visits', 'consents', 'staff']);

export function BackupPanel({ counter }: { counter: Counter }) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const last = useLiveQuery(lastBackupAt, []);
  const syncing = useLiveQuery(capturesChanges, [], false);
  const [passphrase, setPassphrase] = useState('');
  const [exporting, setExporting] = useState(false);
  const [exportFailure, setExportFailure] = useState<unknown>();

  const [file, setFile] = useState<File | undefined>();
  const [restorePassphrase, setRestorePassphrase] = useState('');
  const [needsPassphrase, setNeedsPassphrase] = useState(false);
  const [opening, setOpening] = useState(false);
  const [opened, setOpened] = useState<OpenedBackup | undefined>();
  const [mode, setMode] = useState<RestoreMode>('merge');
  const [checking, setChecking] = useState(false);
  const [confirming, setConfirming] = useState<RestorePlan | 'replace' | undefined>();
  const [progress, setProgress] = useState<RestoreProgress | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [restoreFailure, setRestoreFailure] = useState<unknown>();
  const [done, setDone] = useState<string | undefined>();

  const backUp = async () => {
    setExporting(true);
    setExportFailure(undefined);
    try {
      const result = await exportBackup(counter.ctx, { passphrase: passphrase || undefined, appVersion: __APP_VERSION__ });
      downloadFile(result.fileName, result.blob, BACKUP_MIME_TYPE);
      toast({ message: t('safety.backup.exported', { file: result.fileName, count: result.customers }) });
      setPassphrase('');
    } catch (error) {
      setExportFailure(error);
    } finally {
      setExporting(false);
    }
  };

  const explain = (error: unknown) => {
    if (error instanceof PassphraseNeededError) {
      setNeedsPassphrase(true);
      setProblem(t('safety.backup.problems.passphrase'));
    } else if (error instanceof WrongPassphraseError) setProblem(t('safety.backup.problems.wrongPassphrase'));
    else if (error instanceof BackupFileError && error.problem === 'damaged' && error.line !== undefined) {
      setProblem(t('safety.backup.problems.damagedLine', { line: error.line }));
    } else if (error instanceof BackupFileError) setProblem(t(`safety.backup.problems.${error.problem}`));
    else if (error instanceof RestoreRunningError) setProblem(t('safety.backup.problems.running'));
    else return false;
    return true;
  };

  const open = async (chosen: File | undefined, secret = restorePassphrase): Promise<OpenedBackup | undefined> => {
    setProblem(undefined);
    setRestoreFailure(undefined);
    setDone(undefined);
    setOpened(undefined);
    if (!chosen) return undefined;
    setOpening(true);
    try {
      const result = await openBackup(chosen, needsPassphrase || secret ? secret : undefined);
      setOpened(result);
      return result;
    } catch (error) {
      if (!explain(error)) setProblem(t('safety.backup.problems.notBackup'));
      return undefined;
    } finally {
      setOpening(false);
    }
  };

  const restore = async () => {
    setConfirming(undefined);
    const ready = opened ?? (await open(file));
    if (!ready) return;
    setRestoreFailure(undefined);
    setProgress({ done: 0, total: 1 });
    try {
      const result = await restoreBackup(ready, mode, counter.ctx, setProgress);
      setDone(
        result.markedDeleted > 0
          ? t('safety.backup.restoredSync', { written: result.written, removed: result.markedDeleted })
          : t('safety.backup.restored', { written: result.written, removed: result.removed }),
      );
      setOpened(undefined);
    } catch (error) {
      if (!explain(error)) setRestoreFailure(error);
      else setRestoreFailure(undefined);
    } finally {
      setProgress(undefined);
    }
  };

  /** Before anything is written: a device that syncs says what every device will see. */
  const askFirst = async () => {
    // Asked again here, not taken from the screen's live value, which may not have loaded yet.
    if (!(await capturesChanges())) {
      if (mode === 'replace') setConfirming('replace');
      else void restore();
      return;
    }
    const ready = opened ?? (await open(file));
    if (!ready) return;
    setChecking(true);
    try {
      setConfirming(await planRestore(ready, mode));
    } catch (error) {
      if (!explain(error)) setRestoreFailure(error);
    } finally {
      setChecking(false);
    }
  };

  const plan = typeof confirming === 'object' ? confirming : undefined;
  const more = opened
    ? Object.entries(opened.summary.tables)
        .filter(([table, count]) => count > 0 && !IN_FIRST_SENTENCE.has(table))
        .map(([table, count]) => {
          const key = MORE_TABLES[table];
          return key ? t(key, { count }) : t('safety.backup.tableNames.other', { count, table });
        })
    : [];

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
        {exporting && (
          <p className="muted small" role="status">
            {t('safety.backup.exporting')}
          </p>
        )}
      </div>

      <hr className="divider" />
      <RestoreRemovalsNotice counter={counter} />
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
        {opening && (
          <p className="muted small" role="status">
            {t('safety.backup.opening')}
          </p>
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
            {more.length > 0 && <p className="small">{t('safety.backup.summaryMore', { list: more.join(i18n.language === 'ja' ? '、' : ', ') })}</p>}
            {opened.summary.schemaVersion < opened.header.schemaVersion && (
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
            {syncing && (
              <p className="notice small" role="note">
                {t(`safety.backup.syncNotice.${mode}`)}
              </p>
            )}
            <p className="muted small">{t('safety.backup.recordsKept')}</p>
          </div>
        )}
        {checking && (
          <p className="muted small" role="status">
            {t('safety.backup.checking')}
          </p>
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
            disabled={!file || opening || checking || progress !== undefined}
            onClick={() => void askFirst()}
          >
            {t('safety.backup.restore')}
          </button>
        </div>
      </div>
      <ConfirmDialog
        open={confirming !== undefined && (confirming === 'replace' || confirming.mode === 'replace')}
        title={t('safety.backup.confirmTitle')}
        body={
          plan
            ? t('safety.backup.confirmSyncBody', { removed: plan.removed, customers: plan.customers.removed, changed: plan.changed })
            : t('safety.backup.confirmBody')
        }
        confirmLabel={t('safety.backup.confirmReplace')}
        cancelLabel={t('customer.cancel')}
        danger
        onConfirm={() => void restore()}
        onCancel={() => setConfirming(undefined)}
      />
      <ConfirmDialog
        open={plan?.mode === 'merge'}
        title={t('safety.backup.confirmMergeTitle')}
        body={plan ? t('safety.backup.confirmMergeBody', { added: plan.added, changed: plan.changed }) : ''}
        confirmLabel={t('safety.backup.confirmMerge')}
        cancelLabel={t('customer.cancel')}
        onConfirm={() => void restore()}
        onCancel={() => setConfirming(undefined)}
      />
    </section>
  );
}
