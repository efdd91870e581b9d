import { nextTask } from './next-task';

/** Items sorted a run at a time, then merged two runs at a time. */
export const SORT_RUN = 4096;

/**
 * `items` sorted by `compare` (stable, like Array.prototype.sort) in steps, giving the screen a
 * turn whenever `budgetMs` of work has gone by: sorting 50,000 cards at once held the page for
 * half a second while an import kept the machine busy, and a keystroke waited all that time.
 * Sorted runs of SORT_RUN items are merged pairwise; each run's sort and each merge is one step
 * (the last merge is one pass over every item, a few milliseconds at 200,000).
 */
export async function sortedInSteps<T>(
  items: readonly T[],
  compare: (a: T, b: T) => number,
  { budgetMs = 8, run = SORT_RUN }: { budgetMs?: number; run?: number } = {},
): Promise<T[]> {
  let deadline = performance.now() + budgetMs;
  const breathe = async () => {
    if (performance.now() < deadline) return;
    await nextTask();
    deadline = performance.now() + budgetMs;
  };
  let runs: T[][] = [];
  for (let from = 0; from < items.length; from += run) {
    runs.push(items.slice(from, from + run).sort(compare));
    await breathe();
  }
  while (runs.length > 1) {
    const merged: T[][] = [];
    for (let i = 0; i < runs.length; i += 2) {
      merged.push(i + 1 < runs.length ? mergedRuns(runs[i]!, runs[i + 1]!, compare) : runs[i]!);
      await breathe();
    }
    runs = merged;
  }
  return runs[0] ?? [];
}

/** Two sorted runs as one; on a tie the first run's item comes first, which keeps the sort stable. */
function mergedRuns<T>(first: readonly T[], second: readonly T[], compare: (a: T, b: T) => number): T[] {
  const out = new Array<T>(first.length + second.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < first.length && j < second.length) {
    out[k++] = compare(second[j]!, first[i]!) < 0 ? second[j++]! : first[i++]!;
  }
  while (i < first.length) out[k++] = first[i++]!;
  while (j < second.length) out[k++] = second[j++]!;
  return out;
}
