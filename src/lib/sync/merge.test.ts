// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { diffRow, fieldsByClock, PURGED, sameValue, type Change, type Clocks, type Row, type TableShape } from './merge';
import { mergeChange } from './merge-change';

const shape: TableShape = { keyPath: 'id', localFields: new Set(['searchKeys', 'sortKey']) };
const t = (n: number, node = 'a') => `${String(n).padStart(15, '0')}-0000-${node.repeat(16)}`;

function change(hlc: string, set: Change['set'], row = 'c1'): Change {
  return { id: `${hlc} customers ${row}`, table: 'customers', row, hlc, set };
}

function applyAll(changes: Change[]): { row: Row | undefined; clocks: Clocks } {
  let row: Row | undefined;
  let clocks: Clocks = {};
  for (const c of changes) ({ row, clocks } = mergeChange(row, clocks, c, shape));
  return { row, clocks };
}

describe('merging a change into a row', () => {
  it('creates the row from its first change, with its key', () => {
    const { row, clocks } = applyAll([change(t(1), { name: '田中 花子', tags: ['着物'] })]);
    expect(row).toEqual({ id: 'c1', name: '田中 花子', tags: ['着物'] });
    expect(clocks).toEqual({ name: t(1), tags: t(1) });
  });

  it('keeps the newest value of each field, whatever the order changes arrive in', () => {
    const changes = [
      change(t(1), { name: 'Hana', about: 'tea' }),
      change(t(3, 'b'), { name: 'Hanako' }),
      change(t(2), { about: 'kimono', email: 'h@example.jp' }),
    ];
    const forwards = applyAll(changes);
    const backwards = applyAll([...changes].reverse());
    expect(forwards).toEqual(backwards);
    expect(forwards.row).toMatchObject({ name: 'Hanako', about: 'kimono', email: 'h@example.jp' });
  });

  it('changes nothing when the same change comes twice', () => {
    const once = applyAll([change(t(1), { name: 'Hana' })]);
    const again = mergeChange(once.row, once.clocks, change(t(1), { name: 'Hana' }), shape);
    expect(again.changed).toBe(false);
  });

  it('breaks a tie in time by device, the same way everywhere', () => {
    const fromA = change(t(5, 'a'), { name: 'from a' });
    const fromB = change(t(5, 'b'), { name: 'from b' });
    expect(applyAll([fromA, fromB]).row?.name).toBe('from b');
    expect(applyAll([fromB, fromA]).row?.name).toBe('from b');
  });

  it('unsets a field with null', () => {
    expect(applyAll([change(t(1), { birthday: '--05-17' }), change(t(2), { birthday: null })]).row).toEqual({ id: 'c1' });
  });

  it('keeps fields this version does not know', () => {
    expect(applyAll([change(t(1), { name: 'Hana', nickname: 'Hana-chan' })]).row).toMatchObject({ nickname: 'Hana-chan' });
  });

  it('never takes the key or derived fields from elsewhere', () => {
    expect(applyAll([change(t(1), { id: 'other', name: 'Hana', searchKeys: ['x'] })]).row).toEqual({ id: 'c1', name: 'Hana' });
  });
});

describe('deleting', () => {
  const created = change(t(1), { name: 'Hana', about: '' });
  const deleted = change(t(5), { deletedAt: 5, updatedAt: 5 });

  it('keeps a deleted row deleted when an edit older than the delete arrives late', () => {
    const { row } = applyAll([created, deleted, change(t(3, 'b'), { about: 'typed before the delete' })]);
    expect(row?.deletedAt).toBe(5);
    expect(row?.about).toBe('typed before the delete');
  });

  it('brings the row back with an edit made after the delete, in any order', () => {
    const later = change(t(7, 'b'), { about: 'typed after the delete' });
    for (const order of [
      [created, deleted, later],
      [created, later, deleted],
      [later, deleted, created],
    ]) {
      const { row } = applyAll(order);
      expect(row?.deletedAt).toBeUndefined();
      expect(row?.about).toBe('typed after the delete');
    }
  });

  it('restores with a newer change that unsets deletedAt', () => {
    expect(applyAll([created, deleted, change(t(9), { deletedAt: null })]).row?.deletedAt).toBeUndefined();
  });

  it('agrees on a row two devices purged, whichever purge arrives first', () => {
    const early: Change = { id: 'p1', table: 'customers', row: 'c1', hlc: t(4), purge: true };
    const late: Change = { id: 'p2', table: 'customers', row: 'c1', hlc: t(6), purge: true };
    const one = applyAll([created, early, late]);
    const other = applyAll([created, late, early]);
    expect(one.row).toBeUndefined();
    expect(one.clocks).toEqual(other.clocks);
  });

  it('erases a purged row for good: later changes do not bring it back', () => {
    const purge: Change = { id: 'p', table: 'customers', row: 'c1', hlc: t(4), purge: true };
    const { row, clocks } = applyAll([created, purge, change(t(8), { name: 'again' })]);
    expect(row).toBeUndefined();
    expect(clocks).toEqual({ [PURGED]: t(4) });
  });
});

describe('what a local write changed', () => {
  it('lists new, changed and removed fields, and nothing derived or unchanged', () => {
    const before = { id: 'c1', name: 'Hana', tags: ['a'], about: 'x', sortKey: 'はな', deletedAt: 3 };
    const after = { id: 'c1', name: 'Hana', tags: ['a', 'b'], email: 'h@example.jp', sortKey: 'はなこ', about: 'x' };
    expect(diffRow(before, after, shape)).toEqual({ tags: ['a', 'b'], email: 'h@example.jp', deletedAt: null });
  });

  it('finds nothing to send when only derived fields moved', () => {
    expect(diffRow({ id: 'c1', name: 'a', sortKey: 'a' }, { id: 'c1', name: 'a', sortKey: 'b' }, shape)).toBeUndefined();
  });

  it('compares nested values by content', () => {
    expect(sameValue({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(sameValue({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })).toBe(false);
    expect(sameValue([1], { 0: 1 })).toBe(false);
  });

  it('groups a row’s fields by the timestamp they hold, to send them again as they were merged', () => {
    const groups = fieldsByClock({ id: 'c1', name: 'Hana', about: 'tea' }, { name: t(1), about: t(2), email: t(2) }, shape);
    expect(groups).toEqual(
      new Map([
        [t(1), { name: 'Hana' }],
        [t(2), { about: 'tea', email: null }],
      ]),
    );
  });
});
