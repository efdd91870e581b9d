/**
 * Amounts of yen. No dependencies: the wanted-item match runs in start-up's follow-up suggestions,
 * which should not evaluate the input schemas (zod) to read a price.
 */

/** Yen are whole numbers: anything else (a damaged or hostile row) counts as nothing. */
export function wholeYen(value: number): number {
  return Number.isSafeInteger(value) && value > 0 ? value : 0;
}

/** "1,200", "¥1200", "１２００円" → 1200; empty → undefined; anything else → NaN. */
export function parseYen(typed: string): number | undefined {
  const cleaned = typed.normalize('NFKC').replace(/[¥￥,円\s]/g, '');
  if (!cleaned) return undefined;
  return /^\d{1,10}$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}
