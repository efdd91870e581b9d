// @vitest-environment node
/**
 * An import appends each batch's search keys to the index's lists, out of order, and every
 * keystroke walks what is not yet in order. Nobody searching: the lists are put in order once the
 * import pauses. Someone searching meanwhile: they are put in order as it goes.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { customerInput } from '../../../test/support/factories';
import { parseCustomerInput } from '../../lib/customer-input';
import { newCustomerRow } from '../customers/customer-row';
import { db } from '../db';
import { currentSearchIndex, searchIndex } from './live-index';

let searching = false;
vi.mock('../../lib/recent-input', async (original) => ({
  ...(await original<typeof import('../../lib/recent-input')>()),
  usedWithin: () => searching,
}));

afterEach(() => {
  vi.useRealTimers();
  searching = false;
});

function batchOfCards(batch: number) {
  return Array.from({ length: 40 }, (_, i) => {
    const parsed = parseCustomerInput(customerInput({ name: `客 ${batch}-${i}`, reading: 'きゃく', phones: [] }));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    return newCustomerRow(parsed.value, { updatedAt: Date.now(), updatedBy: 'staff-1', deviceId: 'test-device' });
  });
}

/**
 * Twelve batches of an import, 300 ms apart (3.6 s, longer than sorting waits for a pause): the
 * entries a keystroke would look through out of order just before the last batch.
 */
async function importWhile(): Promise<number> {
  await searchIndex();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  let outOfOrder = 0;
  for (let batch = 0; batch < 12; batch++) {
    await db.transaction('rw', db.customers, () => db.customers.bulkAdd(batchOfCards(batch)));
    // The batch reaches the index in a task of its own.
    await vi.advanceTimersByTimeAsync(1);
    expect(currentSearchIndex()!.size).toBe(40 * (batch + 1));
    await vi.advanceTimersByTimeAsync(299);
    outOfOrder = currentSearchIndex()!.entriesOutOfOrder;
  }
  return outOfOrder;
}

describe('the search index during an import', () => {
  it('waits for the import to pause before sorting, while nobody searches', async () => {
    // Every key of the first eleven batches' cards.
    expect(await importWhile()).toBeGreaterThanOrEqual(11 * 40);
    await vi.advanceTimersByTimeAsync(2_100);
    expect(currentSearchIndex()!.needsSorting).toBe(false);
  });

  it('sorts as the import goes while staff search, so a keystroke walks few entries out of order', async () => {
    searching = true;
    expect(await importWhile()).toBe(0);
    expect(currentSearchIndex()!.find('きゃく')).toHaveLength(50);
    // Lists are settled (their arrays copied to size) once nobody is searching.
    searching = false;
    await vi.advanceTimersByTimeAsync(4_500);
    expect(currentSearchIndex()!.needsSorting).toBe(false);
  });
});
