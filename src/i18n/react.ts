import { useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { i18n } from './instance';
import type { TFunction, Translator } from './translator';

const subscribe = (listener: () => void) => i18n.subscribe(listener);
const getRevision = () => i18n.revision;

/**
 * `t` for a component, re-rendering it when the language changes or strings arrive. `t` changes
 * identity with them, so memoised children follow too.
 */
export function useTranslation(): { t: TFunction; i18n: Translator } {
  const revision = useSyncExternalStore(subscribe, getRevision, getRevision);
  const t = useMemo(() => i18n.bound(revision), [revision]);
  return { t, i18n };
}

/** For class components (the error boundary), which cannot use hooks. */
export function Translation({ children }: { children: (t: TFunction) => ReactNode }) {
  const { t } = useTranslation();
  return children(t);
}
