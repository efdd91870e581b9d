/**
 * When to remind the shop to back up: the ledger has customers, sync is off (a synced ledger is
 * already kept elsewhere), and the last backup (or, if none, the ledger's start) is more than
 * 7 days ago.
 */
export const BACKUP_REMINDER_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface BackupFacts {
  lastBackupAt: number | undefined;
  ledgerStartedAt: number | undefined;
  hasCustomers: boolean;
  syncOn: boolean;
}

export function backupReminderDue(facts: BackupFacts, now = Date.now()): boolean {
  if (facts.syncOn || !facts.hasCustomers) return false;
  const since = facts.lastBackupAt ?? facts.ledgerStartedAt;
  return since !== undefined && now - since > BACKUP_REMINDER_DAYS * DAY_MS;
}
