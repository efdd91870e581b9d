/** Yen are whole numbers: anything else (a damaged or hostile row) counts as nothing. */
export function wholeYen(value: number): number {
  return Number.isSafeInteger(value) && value > 0 ? value : 0;
}
