/**
 * Where every screen shows an import that runs or has ended unread (see features/settings/
 * import-run.ts). Its notice loads only once there is an import, which Settings has started.
 */
import { lazy, Suspense, useSyncExternalStore } from 'react';
import { importReportInView, importRun, subscribeToImportRun } from '../features/settings/import-run';

const ImportRunNotice = lazy(() =>
  import('../features/settings/ImportRunNotice').then((m) => ({ default: m.ImportRunNotice })),
);

export function ImportRunSlot() {
  const run = useSyncExternalStore(subscribeToImportRun, importRun);
  const reportInView = useSyncExternalStore(subscribeToImportRun, importReportInView);
  if (!run || reportInView || (run.phase !== 'running' && run.seen)) return null;
  return (
    <Suspense fallback={null}>
      <ImportRunNotice run={run} />
    </Suspense>
  );
}
