// @vitest-environment jsdom
/**
 * An import started while staff use the screen writes a few dozen records per transaction, so
 * each of its steps is short; left alone, it writes whole batches.
 */
import { expect, it } from 'vitest';
import { db } from '../db';
import { IMPORT_PART_IN_USE, importCustomers } from './import';

const ctx = { staffId: 'staff-1' };

/** `count` people, none of them in the files made before. */
let made = 0;
const csvOf = (count: number) =>
  ['name,phone', ...Array.from({ length: count }, () => `客 ${made},090-7777-${String(1000 + made++)}`)].join('\n');

const type = () => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'さ' }));

/** The record counts reported as each transaction committed; with `typing`, staff type throughout. */
async function stepsOfImport(count: number, typing = false): Promise<number[]> {
  const steps: number[] = [];
  let before = 0;
  if (typing) type();
  await importCustomers(csvOf(count), { ctx, batchSize: 200 }, ({ done }) => {
    if (typing) type();
    if (done > before) steps.push(done - before);
    before = done;
  });
  return steps;
}

it('while staff type, writes a few dozen records at a time; left alone, whole batches', async () => {
  const alone = await stepsOfImport(400);
  expect(Math.max(...alone)).toBeGreaterThanOrEqual(199);

  const typing = await stepsOfImport(400, true);
  expect(Math.max(...typing)).toBe(IMPORT_PART_IN_USE);
  expect(typing.length).toBeGreaterThanOrEqual(400 / IMPORT_PART_IN_USE);
  expect(await db.customers.count()).toBe(800);
});
