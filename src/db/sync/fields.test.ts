// @vitest-environment node
/**
 * The rules a pulled change is checked with (fields.ts) accept everything this app and its
 * earlier versions write, so that only what is truly wrong, or new, is ever set aside.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerV1 } from '../../../test/support/fixtures/ledger-v1';
import { ledgerV2 } from '../../../test/support/fixtures/ledger-v2';
import { ledgerV3 } from '../../../test/support/fixtures/ledger-v3';
import { ledgerV5 } from '../../../test/support/fixtures/ledger-v5';
import { ledgerV8 } from '../../../test/support/fixtures/ledger-v8';
import { ledgerV9 } from '../../../test/support/fixtures/ledger-v9';
import { fieldsOf, type Change, type Row } from '../../lib/sync/merge';
import type { DBCoreTableSchema } from 'dexie';
import { DaifukuDB } from '../schema';
import { checkChange, rulesSignature, TABLES_WITH_RULES } from './fields';
import { isSyncedTable, shapeOf, syncedTableNames } from './tables';

const db = new DaifukuDB('sync-fields-rules');
let schemas: Map<string, DBCoreTableSchema>;

beforeAll(async () => {
  await db.open();
  schemas = new Map(db.core.schema.tables.filter(isSyncedTable).map((t) => [t.name, t]));
});

afterAll(async () => {
  await db.delete();
});

const keyPathOf = (table: string) => {
  const schema = schemas.get(table);
  return schema ? shapeOf(schema).keyPath : undefined;
};

function changeOf(table: string, row: Row): Change {
  const key = row[keyPathOf(table)!] as string;
  const hlc = '001767225600000-0000-eeeeeeeeeeeeeeee';
  return {
    id: `${hlc} ${table} ${key}`,
    table,
    row: key,
    hlc,
    set: fieldsOf(row, shapeOf(schemas.get(table)!)),
  };
}

describe('the rules for pulled changes', () => {
  it('cover every table this version syncs', () => {
    expect(syncedTableNames(db.core.schema).filter((t) => !TABLES_WITH_RULES.includes(t))).toEqual(
      [],
    );
  });

  it.each([ledgerV1, ledgerV2, ledgerV3, ledgerV5, ledgerV8, ledgerV9])(
    'accept every row of the ledger schema version $version wrote',
    (ledger) => {
      const refused: unknown[] = [];
      for (const [table, rows] of Object.entries(ledger.tables)) {
        if (!schemas.has(table)) continue;
        for (const row of rows) {
          const verdict = checkChange(changeOf(table, row as Row), keyPathOf);
          if (verdict.setAside || !verdict.apply)
            refused.push({ table, row: row.id ?? row.key, ...verdict.setAside });
        }
      }
      expect(refused).toEqual([]);
    },
  );

  it('change their signature when the app learns a table', () => {
    const today = syncedTableNames(db.core.schema);
    expect(rulesSignature(today)).toBe(rulesSignature([...today].reverse()));
    expect(rulesSignature([...today, 'giftCards'])).not.toBe(rulesSignature(today));
  });
});

describe('a card imported from a POS on another device', () => {
  const card = {
    id: 'c-pos-1',
    name: '田中 花子',
    memberNumber: 'M-00123',
    visitsBefore: { source: 'square', count: 24, firstAt: 1617332400000, lastAt: 1764471600000 },
  };

  it('arrives with its member number and the visits the POS counted', () => {
    const verdict = checkChange(changeOf('customers', card), keyPathOf);
    expect(verdict.setAside).toBeUndefined();
    expect(verdict.apply?.set).toMatchObject({ memberNumber: 'M-00123', visitsBefore: card.visitsBefore });
  });

  it('is set aside when the visits are not what an import writes', () => {
    for (const visitsBefore of [
      { ...card.visitsBefore, count: 'many' },
      { ...card.visitsBefore, source: 'pos.example' },
      { ...card.visitsBefore, lastAt: 'yesterday' },
    ]) {
      const verdict = checkChange(changeOf('customers', { ...card, visitsBefore }), keyPathOf);
      expect(verdict.apply?.set?.visitsBefore).toBeUndefined();
      expect(verdict.setAside?.fields).toEqual(['visitsBefore']);
    }
  });
});
