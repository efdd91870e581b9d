import { describe, expect, it } from 'vitest';
import { backupReminderDue } from './backup-reminder';

const DAY = 24 * 60 * 60 * 1000;
const now = Date.UTC(2026, 5, 15);
const facts = { lastBackupAt: now - 8 * DAY, ledgerStartedAt: now - 100 * DAY, hasCustomers: true, syncOn: false };

describe('reminding the shop to back up', () => {
  it('reminds when the last backup is more than 7 days old', () => {
    expect(backupReminderDue(facts, now)).toBe(true);
    expect(backupReminderDue({ ...facts, lastBackupAt: now - 7 * DAY }, now)).toBe(false);
    expect(backupReminderDue({ ...facts, lastBackupAt: now - DAY }, now)).toBe(false);
  });

  it('does not nag while sync keeps the ledger elsewhere', () => {
    expect(backupReminderDue({ ...facts, syncOn: true }, now)).toBe(false);
  });

  it('counts from the ledger’s start when there was never a backup, and stays quiet on an empty ledger', () => {
    expect(backupReminderDue({ ...facts, lastBackupAt: undefined }, now)).toBe(true);
    expect(backupReminderDue({ ...facts, lastBackupAt: undefined, ledgerStartedAt: now - 3 * DAY }, now)).toBe(false);
    expect(backupReminderDue({ ...facts, hasCustomers: false }, now)).toBe(false);
  });
});
