/**
 * How long the second-hand dealers law (古物営業法 第18条) keeps a ledger record: three years from the
 * last entry. The rest of the law's rules are in kobutsu-rules.ts, which re-exports these.
 */
/** 第18条: a record is kept for three years. */
export const RETENTION_YEARS = 3;

/**
 * When a record may leave the ledger: three years after the later of the transaction and the day
 * it was written (a correction written later keeps the chain longer, as "the last entry" does).
 */
export function retentionEndsAt(record: { transactedAt: number; createdAt: number }): number {
  const end = new Date(Math.max(record.transactedAt, record.createdAt));
  end.setFullYear(end.getFullYear() + RETENTION_YEARS);
  return end.getTime();
}

export function isRetained(record: { transactedAt: number; createdAt: number }, now: number): boolean {
  return now < retentionEndsAt(record);
}
