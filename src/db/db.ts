/**
 * The one database instance the app uses. Only modules in src/db write through it; features call
 * the functions those modules export, and read through useLiveQuery.
 */
import { customerChangesMiddleware } from './search/change-capture';
import { DaifukuDB } from './schema';

export const db = new DaifukuDB();
// Before the first open: the in-memory search index follows every write to the customers table.
db.use(customerChangesMiddleware);

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

/**
 * Fires when THIS tab's upgrade waits for another tab that still holds the old version open (an
 * older app that does not let go). Dexie keeps waiting; the UI says which window to close.
 * Writes made meanwhile wait too, so what the person typed stays in the form.
 */
let upgradeBlocked = false;

export function isUpgradeBlocked(): boolean {
  return upgradeBlocked;
}

db.on('blocked', () => {
  upgradeBlocked = true;
  databaseEvents.dispatchEvent(new Event('upgrade-blocked'));
});

// Sticky: runs on every open, not only the first.
db.on(
  'ready',
  () => {
    if (!upgradeBlocked) return;
    upgradeBlocked = false;
    databaseEvents.dispatchEvent(new Event('upgrade-blocked'));
  },
  true,
);
