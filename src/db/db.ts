/**
 * The one database instance the app uses. Only modules in src/db write through it; features call
 * the functions those modules export, and read through useLiveQuery.
 */
import { DaifukuDB } from './schema';

export const db = new DaifukuDB();

/**
 * Fires when another tab (a newer app version) needs to upgrade the database. This tab closes its
 * connection so the upgrade can proceed, and the UI asks the person to reload; drafts survive it.
 */
export const databaseEvents = new EventTarget();
let closedForUpgrade = false;

export function isDatabaseClosedForUpgrade(): boolean {
  return closedForUpgrade;
}

db.on('versionchange', () => {
  db.close();
  closedForUpgrade = true;
  databaseEvents.dispatchEvent(new Event('closed-for-upgrade'));
  return false;
});
