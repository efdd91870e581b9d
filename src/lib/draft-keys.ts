/**
 * Where a form's draft is kept among this device's preferences, and how one is dropped. Apart
 * from src/lib/drafts.ts because the counter lock, on the first screen, drops the self-entry
 * draft and needs nothing more.
 */
import { writePref } from './device-prefs';

export const DRAFT_PREFIX = 'draft:';

export function removeDraft(key: string): void {
  writePref(DRAFT_PREFIX + key, undefined);
}
