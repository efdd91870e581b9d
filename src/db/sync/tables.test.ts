// @vitest-environment node
/** The clocks a row written whole while syncing holds itself (ROW_CLOCK, ROW_EDITS). */
import { describe, expect, it } from 'vitest';
import type { TableShape } from '../../lib/sync/merge';
import { clocksOfRow, ROW_CLOCK, ROW_EDITS, withoutRowClock } from './tables';

const shape: TableShape = { keyPath: 'id', localFields: new Set(['searchKeys', ROW_CLOCK, ROW_EDITS]) };
const WHOLE = '001772600000000-0000-000000000000d001';
const EDIT = '001772686400000-0000-000000000000d001';

describe('the clocks a row holds itself', () => {
  it('give each synced field the row’s clock, or its edit’s, a field an edit cleared included', () => {
    const row = { id: 'c1', name: '田中 花子', email: 'hana@example.jp', searchKeys: ['たなか'], rowClock: WHOLE, rowEdits: { email: EDIT, about: EDIT } };
    expect(clocksOfRow(row, undefined, shape)).toEqual({ name: WHOLE, email: EDIT, about: EDIT });
  });

  it('give way to a field clocks row, once one is written', () => {
    const row = { id: 'c1', name: '田中 花子', rowClock: WHOLE, rowEdits: { name: EDIT } };
    expect(clocksOfRow(row, { name: 'written' }, shape)).toEqual({ name: 'written' });
  });

  it('never leave the device: a row going into a file, or coming from one, loses both', () => {
    expect(withoutRowClock({ id: 'c1', name: '田中 花子', rowClock: WHOLE, rowEdits: { name: EDIT } })).toEqual({ id: 'c1', name: '田中 花子' });
    // A file may carry either alone (a hand-made or damaged one).
    expect(withoutRowClock({ id: 'c1', rowEdits: { name: EDIT } })).toEqual({ id: 'c1' });
    expect(withoutRowClock({ id: 'c1', rowClock: WHOLE })).toEqual({ id: 'c1' });
  });
});
