/**
 * The import, seen from any screen: how far it is while it runs, and how it ended until someone
 * has read it. The full report (every line not imported, with its reason) stays in Settings →
 * Import, one tap away.
 */
import { Link } from 'react-router';
import { joinSentences, useTranslation } from '../../i18n';
import { StorageError } from '../../db/errors';
import { ProgressBar } from './ProgressBar';
import type { ImportRun } from './import-run';
import { forgetImportRun } from './run-import';

export const IMPORT_SCREEN = '/settings/import';

export function ImportRunNotice({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  if (run.phase === 'running') {
    return (
      <div className="update-banner import-notice">
        <div className="import-notice__body">
          <p className="small">{t('safety.import.notice.running', { file: run.file })}</p>
          <ImportProgressBar done={run.done} total={run.total} />
        </div>
        <Link className="button button--ghost" to={IMPORT_SCREEN}>
          {t('safety.import.notice.open')}
        </Link>
      </div>
    );
  }
  const failed = run.phase === 'failed';
  return (
    <div className={`update-banner${failed ? ' update-banner--warning' : ''}`} role={failed ? 'alert' : 'status'}>
      <p className="small">{failed ? <ImportStopped failure={run.failure} file={run.file} /> : <ImportDone run={run} />}</p>
      <div className="actions">
        <Link className="button button--ghost" to={IMPORT_SCREEN}>
          {t('safety.import.notice.report')}
        </Link>
        <button type="button" className="button button--ghost" onClick={forgetImportRun}>
          {t('dismiss')}
        </button>
      </div>
    </div>
  );
}

/** The import's progress bar, with the rows read of the file's in words. */
export function ImportProgressBar({ done, total }: { done: number; total: number }) {
  const { t, i18n } = useTranslation();
  const count = (n: number) => n.toLocaleString(i18n.language);
  return (
    <ProgressBar
      label={t('safety.import.progress')}
      caption={t('safety.import.notice.rows', { done: count(done), total: count(total) })}
      done={done}
      total={total}
    />
  );
}

function ImportDone({ run }: { run: Extract<ImportRun, { phase: 'done' }> }) {
  const { t, i18n } = useTranslation();
  const { result } = run;
  return joinSentences(i18n.language, [
    t('safety.import.notice.done', { file: run.file, count: result.imported }),
    result.updated > 0 && t('safety.import.updated', { count: result.updated }),
    result.bad.length > 0 && t('safety.import.notice.bad', { count: result.bad.length }),
    result.likelyDuplicates.length > 0 && t('safety.import.notice.likely', { count: result.likelyDuplicates.length }),
  ]);
}

/** Why an import stopped, and that what it wrote until then is kept. */
export function ImportStopped({ failure, file }: { failure: unknown; file: string }) {
  const { t, i18n } = useTranslation();
  const kind = failure instanceof StorageError ? failure.kind : 'unknown';
  return joinSentences(i18n.language, [t(`safety.import.notice.stopped.${kind}`, { file }), t('safety.import.notice.kept')]);
}
