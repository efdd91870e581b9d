// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nationalDigits } from '../../lib/phone-digits';
import { buildSearchIndex, customerSortKey, matchRank, queryForms } from '../../lib/search-keys';
import { compareMatches, CustomerSearchIndex, SORT_CHUNK, type CustomerMatch } from './search-index';
import type { Customer, CustomerFields, Id } from '../../model/types';
import { listOrdersOf } from './list-orders';
import { briefOf, type CustomerBrief } from './customer-brief';

/*
 * The in-memory index must answer exactly as the IndexedDB query it replaced did:
 * `where('searchKeys').startsWith(form).limit(60)` for each typed form, then ranked. The reference
 * below is that query written the plain way: every (key, id) entry of the cards not deleted,
 * sorted by key then id, scanned from the start.
 */

// ---------------------------------------------------------------------------------------------
// Cards
// ---------------------------------------------------------------------------------------------

/** Names and readings from a small pool, so that many cards share keys and prefixes. */
const PEOPLE: ReadonlyArray<readonly [name: string, reading: string]> = [
  ['田中 花子', 'たなか はなこ'],
  ['田中 一郎', 'たなか いちろう'],
  ['田中', 'たなか'],
  ['中田 花', 'なかた はな'],
  ['田中花子', 'タナカハナコ'],
  ['渡辺美咲', 'わたなべ みさき'],
  ['佐藤 一郎', 'さとう いちろう'],
  ['佐藤 花', ''],
  ['鈴木 慎二', 'すずき しんじ'],
  ['髙橋 ちな', 'たかはし ちな'],
  ['John Smith', ''],
  ['Jo Smith', ''],
  ['Smith John', ''],
  ['Hana Tanaka', 'はな たなか'],
  ['Tanaka', ''],
];

const TAGS = ['VIP', '着物', '常連', 'vip 客', 'たなか'];

interface CardSpec {
  person: number;
  phones: string[];
  email: string;
  tags: string[];
  lastVisitAt: number | undefined;
  activityAt: number | undefined;
  /** 'soft': deleted as deleteCustomer does (no keys); 'tombstone': deletedAt set, keys left. */
  deleted: 'no' | 'soft' | 'tombstone';
  /** Keys written twice over: IndexedDB's multi-entry index files a repeated key once. */
  repeatedKeys: boolean;
}

const phone = fc.oneof(
  // Japanese mobile numbers colliding on their first digits and on their last four.
  fc
    .tuple(
      fc.constantFrom('90', '80'),
      fc.stringMatching(/^[01]{4}$/),
      fc.constantFrom('0000', '1234', '5678'),
    )
    .map(([net, middle, last]) => `+81${net}${middle}${last}`),
  fc.stringMatching(/^[01]{3}$/).map((tail) => `+1415555${tail}0`),
);

const cardSpec: fc.Arbitrary<CardSpec> = fc.record({
  person: fc.nat({ max: PEOPLE.length - 1 }),
  phones: fc.array(phone, { maxLength: 2 }),
  email: fc.constantFrom('', '', 'hana@example.jp', 'hana.tanaka@example.jp', 'john@example.com'),
  tags: fc.subarray(TAGS, { maxLength: 2 }),
  lastVisitAt: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  activityAt: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  deleted: fc.constantFrom('no', 'no', 'no', 'no', 'soft', 'tombstone'),
  repeatedKeys: fc.boolean(),
});

function cardFrom(id: Id, spec: CardSpec): Customer {
  const [name, reading] = PEOPLE[spec.person]!;
  const fields: CustomerFields = {
    name,
    reading,
    phones: spec.phones,
    email: spec.email,
    handles: [],
    address: '',
    tags: spec.tags,
    about: '',
  };
  const { searchKeys, searchRanks } = buildSearchIndex(fields);
  const card: Customer = {
    id,
    createdAt: 0,
    updatedAt: 0,
    ...fields,
    searchKeys: spec.repeatedKeys ? [...searchKeys, ...searchKeys] : searchKeys,
    searchRanks: spec.repeatedKeys ? [...searchRanks, ...searchRanks] : searchRanks,
    sortKey: customerSortKey(fields),
    visitTimes: [],
    referredCount: 0,
    talkAbout: [],
  };
  if (spec.lastVisitAt !== undefined) card.lastVisitAt = spec.lastVisitAt;
  if (spec.activityAt !== undefined) card.activityAt = spec.activityAt;
  if (spec.deleted === 'soft') return { ...card, deletedAt: 1, searchKeys: [], searchRanks: [] };
  if (spec.deleted === 'tombstone') return { ...card, deletedAt: 1 };
  return card;
}

/** Ids in no particular order (a shop's ids come from several devices). */
const idSeed = fc.stringMatching(/^[0-9a-f]{2}$/);

function cardsFrom(specs: readonly (readonly [string, CardSpec])[]): Customer[] {
  return specs.map(([seed, spec], i) => cardFrom(`${seed}-${i}`, spec));
}

/** The 田中 family and friends: enough of them that "ta" or "たな" reaches past 60 index entries. */
const TANAKAS = [0, 1, 2, 4, 13, 14];

const ledger: fc.Arbitrary<Customer[]> = fc.oneof(
  fc.array(fc.tuple(idSeed, cardSpec), { maxLength: 80 }).map(cardsFrom),
  // Not shrunk: a crowd cannot shrink below the 60 entries that make it one, and trying to takes
  // fast-check minutes. The queries and the limit still shrink.
  fc.noShrink(
    fc
      .array(fc.tuple(idSeed, fc.constantFrom(...TANAKAS), cardSpec), {
        minLength: 40,
        maxLength: 130,
      })
      .map((specs) =>
        cardsFrom(specs.map(([seed, person, spec]) => [seed, { ...spec, person }] as const)),
      ),
  ),
);

// ---------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------

type QuerySpec =
  | { kind: 'typed'; text: string }
  | { kind: 'start of a key'; card: number; key: number; length: number };

const typed = fc.constantFrom(
  // romaji, with Kunrei spellings and case
  'tanaka',
  'tana',
  't',
  'ta',
  'TANAKA',
  'hanako',
  'hana',
  'sinzi',
  'shinji',
  'tina',
  'china',
  'ichiro',
  'itirou',
  'ichirou',
  'satou',
  'misaki',
  'watanabe',
  'john',
  'smi',
  'Jo',
  'jo s',
  'vip',
  'hana.t',
  'hana@',
  // kana and kanji
  '田',
  '田中',
  '中',
  '花子',
  '花',
  'た',
  'たなか',
  'タナカ',
  'ﾀﾅｶ',
  'な',
  'はな',
  '子',
  '一郎',
  '渡辺',
  '辺美',
  '髙',
  '着物',
  '客',
  // digits
  '0',
  '090',
  '0901',
  '090-1',
  '080',
  '+81 90',
  '8190',
  '81901',
  '0000',
  '1234',
  '5678',
  // trailing digits of any length: a mobile without 090, a number's tail shared by many
  '01015678',
  '1011234',
  '0100000',
  '00000',
  '1-5678',
  '5555010',
  '1',
  '141',
  '+1 415',
  '',
  '  ',
);

const querySpec: fc.Arbitrary<QuerySpec> = fc.oneof(
  typed.map((text) => ({ kind: 'typed' as const, text })),
  fc
    .string({
      unit: fc.constantFrom('た', 'な', 'か', 'a', 'n', 't', '0', '9', ' ', '-', '田', 'ー'),
      maxLength: 4,
    })
    .map((text) => ({ kind: 'typed' as const, text })),
  fc
    .record({ card: fc.nat(), key: fc.nat(), length: fc.integer({ min: 1, max: 12 }) })
    .map((at) => ({ kind: 'start of a key' as const, ...at })),
);

/** The query a spec stands for in this ledger: what was typed, or the start of one of its keys. */
function queryIn(cards: readonly Customer[], spec: QuerySpec): string {
  if (spec.kind === 'typed') return spec.text;
  const withKeys = cards.filter((c) => c.searchKeys.length > 0);
  if (withKeys.length === 0) return 'たなか';
  const card = withKeys[spec.card % withKeys.length]!;
  const key = card.searchKeys[spec.key % card.searchKeys.length]!;
  return key.slice(0, spec.length);
}

const limit = fc.oneof(fc.constant(50), fc.integer({ min: 1, max: 70 }));

// ---------------------------------------------------------------------------------------------
// The reference: the old IndexedDB query, written out plainly
// ---------------------------------------------------------------------------------------------

const PER_FORM = 60;

function plainOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What the ledger's multi-entry index held: one entry per distinct key of each live card. */
function indexEntries(cards: Iterable<Customer>): { key: string; card: Customer }[] {
  const entries: { key: string; card: Customer }[] = [];
  for (const card of cards) {
    if (card.deletedAt) continue;
    for (const key of new Set(card.searchKeys)) if (key !== '') entries.push({ key, card });
  }
  return entries.sort((a, b) => plainOrder(a.key, b.key) || plainOrder(a.card.id, b.card.id));
}

function referenceFind(cards: Iterable<Customer>, query: string, max = 50): CustomerMatch[] {
  const entries = indexEntries(cards);
  const forms = queryForms(query);
  const found = new Map<Id, Customer>();
  for (const form of forms) {
    const first60 = entries.filter((entry) => entry.key.startsWith(form)).slice(0, PER_FORM);
    for (const { card } of first60) if (!found.has(card.id)) found.set(card.id, card);
  }
  return [...found.values()]
    .map((customer) => ({ customer: briefOf(customer), rank: matchRank(customer, forms) }))
    .sort(compareMatches)
    .slice(0, max);
}

function referenceIdsWithKey(cards: Iterable<Customer>, key: string): Id[] {
  return indexEntries(cards)
    .filter((entry) => entry.key === key)
    .map((entry) => entry.card.id);
}

/** Whether `brief` is what the index should hold of `row` as it is now (not of an older version). */
function isBriefOf(brief: CustomerBrief | undefined, row: Customer | undefined): boolean {
  return brief !== undefined && row !== undefined && JSON.stringify(brief) === JSON.stringify(briefOf(row));
}

/**
 * A short account of an answer, cheap to compare and to print while fast-check shrinks a failing
 * ledger: each card's id, rank and name, and whether it is the very row last given to the index
 * (a stale version of a card is a wrong answer too).
 */
function answer(matches: readonly CustomerMatch[], current: ReadonlyMap<Id, Customer>): string[] {
  return matches.map(
    (m) =>
      `${m.customer.id} rank ${m.rank} ${m.customer.name}${isBriefOf(m.customer, current.get(m.customer.id)) ? '' : ' (stale)'}`,
  );
}

/** Checks every lookup the index offers against the reference, for the ledger as it now is. */
function expectSameAnswers(
  index: CustomerSearchIndex,
  model: ReadonlyMap<Id, Customer>,
  queries: readonly QuerySpec[],
  max: number,
): void {
  const cards = [...model.values()];
  for (const spec of queries) {
    const query = queryIn(cards, spec);
    expect(answer(index.find(query, max), model), `find(${JSON.stringify(query)}, ${max})`).toEqual(
      answer(referenceFind(cards, query, max), model),
    );
    // The whole key a spec points at, and the query itself taken as a key: exact matches only.
    const whole = queryIn(
      cards,
      spec.kind === 'typed'
        ? { kind: 'start of a key', card: 0, key: 0, length: 99 }
        : { ...spec, length: 99 },
    );
    for (const key of [whole, query]) {
      expect(index.idsWithKey(key), `idsWithKey(${JSON.stringify(key)})`).toEqual(
        referenceIdsWithKey(cards, key),
      );
    }
  }
  const live = cards.filter((c) => !c.deletedAt && c.searchKeys.some((k) => k !== ''));
  expect(index.size).toBe(live.length);
  for (const order of ['reading', 'recent'] as const) {
    expect(listOrdersOf(index).idsInOrder(order), `idsInOrder(${order})`).toEqual(referenceIdsInOrder(live, order));
  }
  const wrong = cards.filter(
    (card) => (live.includes(card) ? !isBriefOf(index.get(card.id), card) : index.get(card.id) !== undefined),
  );
  expect(
    wrong.map((card) => card.id),
    'cards get() answers wrongly for',
  ).toEqual([]);
}

/** The customer list's order as IndexedDB's sortKey and activityAt indexes give it, ties by id. */
function referenceIdsInOrder(cards: readonly Customer[], order: 'reading' | 'recent'): Id[] {
  const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  if (order === 'reading') {
    return cards
      .filter((c) => typeof c.sortKey === 'string')
      .sort((a, b) => byCodeUnits(a.sortKey!, b.sortKey!) || byCodeUnits(a.id, b.id))
      .map((c) => c.id);
  }
  return cards
    .filter((c) => typeof c.activityAt === 'number')
    .sort((a, b) => b.activityAt! - a.activityAt! || byCodeUnits(b.id, a.id))
    .map((c) => c.id);
}

function modelOf(cards: readonly Customer[]): Map<Id, Customer> {
  return new Map(cards.map((c) => [c.id, c]));
}

// ---------------------------------------------------------------------------------------------
// How the ledger reaches the index
// ---------------------------------------------------------------------------------------------

type Arrival =
  { kind: 'all at once' } | { kind: 'card by card' } | { kind: 'in runs'; sizes: number[] };

const arrival: fc.Arbitrary<Arrival> = fc.oneof(
  fc.constant({ kind: 'all at once' as const }),
  fc.constant({ kind: 'card by card' as const }),
  fc
    .array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 6 })
    .map((sizes) => ({ kind: 'in runs' as const, sizes })),
);

function deliver(index: CustomerSearchIndex, cards: readonly Customer[], how: Arrival): void {
  if (how.kind === 'all at once') {
    index.apply(cards);
  } else if (how.kind === 'card by card') {
    for (const card of cards) index.apply([card]);
  } else {
    let at = 0;
    for (let i = 0; at < cards.length; i++) {
      const size = how.sizes[i % how.sizes.length]!;
      index.apply(cards.slice(at, at + size));
      at += size;
    }
  }
}

/** A change to one card: edited (or added), soft-deleted as the app does, or removed outright. */
type Change =
  | { kind: 'edit'; target: number; seed: string; spec: CardSpec }
  | { kind: 'add'; seed: string; spec: CardSpec }
  | { kind: 'delete'; target: number }
  | { kind: 'remove'; target: number };

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), target: fc.nat(), seed: idSeed, spec: cardSpec }),
  fc.record({ kind: fc.constant('add' as const), seed: idSeed, spec: cardSpec }),
  fc.record({ kind: fc.constant('delete' as const), target: fc.nat() }),
  fc.record({ kind: fc.constant('remove' as const), target: fc.nat() }),
);

interface Batch {
  changes: Change[];
  /** One apply() for the whole batch, or one per card (as single saves at the counter arrive). */
  together: boolean;
  /** What happens before the next batch: nothing, lookups, or some or all of the sorting. */
  then: 'nothing' | 'look up' | 'sort one step' | 'sort everything';
}

const removal: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), target: fc.nat() }),
  fc.record({ kind: fc.constant('remove' as const), target: fc.nat() }),
);

/** Entries sorted per step: one, a few, or as many as the app sorts (each list then in one step). */
const sortChunk = fc.constantFrom(1, 3, 8, SORT_CHUNK);

const batch: fc.Arbitrary<Batch> = fc.record({
  changes: fc.oneof(
    fc.array(change, { minLength: 1, maxLength: 6 }),
    // More than 32 changes come as one bulk change. Not shrunk, for the same reason as a crowd.
    fc.noShrink(fc.array(change, { minLength: 33, maxLength: 60 })),
    // A bulk of deletions alone: some lists lose entries and gain none.
    fc.noShrink(fc.array(removal, { minLength: 33, maxLength: 60 })),
  ),
  together: fc.boolean(),
  then: fc.constantFrom('nothing', 'look up', 'sort one step', 'sort everything'),
});

/** Runs a batch against the index and the model alike. Within a batch each card changes once. */
function applyBatch(
  index: CustomerSearchIndex,
  model: Map<Id, Customer>,
  { changes, together }: Batch,
  counter: { next: number },
) {
  const ids = () => [...model.keys()];
  const rows = new Map<Id, Customer>();
  const removed = new Set<Id>();
  for (const c of changes) {
    const known = ids();
    if (c.kind !== 'add' && known.length === 0) continue;
    const id = c.kind === 'add' ? `${c.seed}-n${counter.next++}` : known[c.target % known.length]!;
    if (rows.has(id) || removed.has(id)) continue;
    if (c.kind === 'remove') removed.add(id);
    else if (c.kind === 'delete')
      rows.set(id, cardFrom(id, { ...specOf(model.get(id)!), deleted: 'soft' }));
    else rows.set(id, cardFrom(id, c.spec));
  }
  if (together) {
    index.apply([...rows.values()], [...removed]);
  } else {
    for (const row of rows.values()) index.apply([row]);
    for (const id of removed) index.apply([], [id]);
  }
  for (const [id, row] of rows) model.set(id, row);
  for (const id of removed) model.delete(id);
}

/** The spec a card was made from, near enough to delete it as the app does (keeping its other fields). */
function specOf(card: Customer): CardSpec {
  return {
    person: Math.max(
      0,
      PEOPLE.findIndex(([name]) => name === card.name),
    ),
    phones: card.phones,
    email: card.email,
    tags: card.tags,
    lastVisitAt: card.lastVisitAt,
    activityAt: card.activityAt,
    deleted: 'no',
    repeatedKeys: false,
  };
}

// ---------------------------------------------------------------------------------------------
// The story
// ---------------------------------------------------------------------------------------------

describe('searching the ledger held in memory', () => {
  it('answers every search exactly as the old IndexedDB search did', () => {
    fc.assert(
      fc.property(
        ledger,
        fc.array(querySpec, { minLength: 1, maxLength: 8 }),
        limit,
        (cards, queries, max) => {
          const index = new CustomerSearchIndex();
          index.apply(cards);
          expectSameAnswers(index, modelOf(cards), queries, max);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers the same whether the ledger arrives all at once, card by card or in runs of any size', () => {
    fc.assert(
      fc.property(
        ledger,
        arrival,
        fc.array(querySpec, { minLength: 1, maxLength: 6 }),
        limit,
        (cards, how, queries, max) => {
          const index = new CustomerSearchIndex();
          deliver(index, cards, how);
          expectSameAnswers(index, modelOf(cards), queries, max);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps answering right while cards are edited, added, deleted and removed, in bulk or one at a time', () => {
    fc.assert(
      fc.property(
        ledger,
        arrival,
        fc.array(batch, { minLength: 1, maxLength: 6 }),
        fc.array(querySpec, { minLength: 1, maxLength: 5 }),
        limit,
        sortChunk,
        (cards, how, batches, queries, max, chunk) => {
          const index = new CustomerSearchIndex({ sortChunk: chunk });
          const model = modelOf(cards);
          deliver(index, cards, how);
          const counter = { next: 0 };
          for (const b of batches) {
            applyBatch(index, model, b, counter);
            if (b.then === 'look up') expectSameAnswers(index, model, queries, max);
            // A budget of 0 ms takes exactly one step (a chunk of one list): the rest stay waiting,
            // and the next batch meets lists sorted, half sorted and not sorted.
            else if (b.then === 'sort one step') index.sortSome(0);
            else if (b.then === 'sort everything') expect(index.sortSome()).toBe(false);
          }
          expectSameAnswers(index, model, queries, max);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers the same before the lists are sorted in the background as after', () => {
    fc.assert(
      fc.property(
        ledger.filter((cards) => cards.length > 32),
        fc.array(querySpec, { minLength: 1, maxLength: 6 }),
        limit,
        sortChunk,
        fc.nat({ max: 40 }),
        (cards, queries, max, chunk, steps) => {
          const model = modelOf(cards);
          const before = new CustomerSearchIndex({ sortChunk: chunk });
          before.apply(cards);
          expect(before.needsSorting).toBe(before.size > 0);
          const partly = new CustomerSearchIndex({ sortChunk: chunk });
          partly.apply(cards);
          for (let i = 0; i < steps; i++) partly.sortSome(0);
          const after = new CustomerSearchIndex({ sortChunk: chunk });
          after.apply(cards);
          while (after.sortSome(0));
          expect(after.needsSorting).toBe(false);
          expectSameAnswers(before, model, queries, max);
          expectSameAnswers(partly, model, queries, max);
          expectSameAnswers(after, model, queries, max);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('finding a customer by the last digits of their phone', () => {
  /** The numbers of a ledger whose national digits end with `tail`. */
  const endingWith = (cards: readonly Customer[], tail: string) =>
    cards.filter((c) => !c.deletedAt && c.searchKeys.length > 0 && c.phones.some((p) => nationalDigits(p).endsWith(tail)));

  it('finds every card whose number ends with the digits typed, from four digits to the whole number', () => {
    fc.assert(
      fc.property(ledger, fc.nat(), fc.nat(), fc.integer({ min: 4, max: 11 }), (cards, which, phoneAt, length) => {
        const withPhones = cards.filter((c) => !c.deletedAt && c.searchKeys.length > 0 && c.phones.length > 0);
        fc.pre(withPhones.length > 0);
        const card = withPhones[which % withPhones.length]!;
        const tail = nationalDigits(card.phones[phoneAt % card.phones.length]!).slice(-length);
        const index = new CustomerSearchIndex();
        index.apply(cards);
        const found = index.find(tail, 200).map((m) => m.customer.id);
        const expected = endingWith(cards, tail).map((c) => c.id);
        // Each form reads at most 60 entries: a tail shared by more numbers shows the first 60.
        if (expected.length <= 60) expect(found).toEqual(expect.arrayContaining(expected));
        expect(found).toContain(card.id);
        // Nothing that neither ends nor starts with the digits.
        for (const m of index.find(tail, 200)) {
          const digits = m.customer.phones.map(nationalDigits);
          expect(digits.some((d) => d.endsWith(tail) || d.startsWith(tail)), m.customer.id).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('puts the card whose whole number was typed before cards whose numbers only end with it', () => {
    const base = { email: '', handles: [], address: '', tags: [], about: '', reading: '' };
    const card = (id: string, name: string, phone: string): Customer => {
      const fields = { ...base, name, phones: [phone] };
      return { id, createdAt: 0, updatedAt: 0, ...fields, ...buildSearchIndex(fields), visitTimes: [], referredCount: 0, talkAbout: [] };
    };
    const index = new CustomerSearchIndex();
    // 03-1234-5678 in Tokyo, and a mobile that ends in the same eight digits.
    index.apply([card('a', 'Mobile', '+819012345678'), card('b', 'Landline', '+81312345678')]);
    expect(index.find('03-1234-5678').map((m) => [m.customer.name, m.rank])).toEqual([['Landline', 0]]);
    expect(index.find('1234-5678').map((m) => m.rank)).toEqual([3, 3]);
    expect(index.find('678')).toEqual([]);
  });
});

describe('the customer list’s order while an import writes', () => {
  /** A card of one of PEOPLE with its last activity at `activityAt`. */
  const spec = (person: number, activityAt: number): CardSpec => ({
    person,
    phones: [],
    email: '',
    tags: [],
    lastVisitAt: undefined,
    activityAt,
    deleted: 'no',
    repeatedKeys: false,
  });

  it('stays as it was until asked to catch up after a large change, then holds every card in its place', () => {
    const first = Array.from({ length: 5 }, (_, i) => cardFrom(`a-${i}`, spec(i % PEOPLE.length, 100 + i)));
    const index = new CustomerSearchIndex();
    index.apply(first);
    const before = listOrdersOf(index).idsInOrder('recent');
    expect(listOrdersOf(index).isOrderBehind('recent')).toBe(false);

    const batch = Array.from({ length: 40 }, (_, i) => cardFrom(`b-${i}`, spec(i % PEOPLE.length, 1_000 + i)));
    index.apply(batch);
    expect(listOrdersOf(index).isOrderBehind('recent')).toBe(true);
    expect(listOrdersOf(index).idsInOrder('recent', { catchUp: false })).toBe(before);

    const all = [...first, ...batch];
    expect(listOrdersOf(index).idsInOrder('recent')).toEqual(referenceIdsInOrder(all, 'recent'));
    expect(listOrdersOf(index).isOrderBehind('recent')).toBe(false);
  });

  it('is first sorted in steps, and cards added, changed or deleted meanwhile take their places', async () => {
    const first = Array.from({ length: 9_000 }, (_, i) => cardFrom(`a-${i}`, spec(i % PEOPLE.length, (i * 7919) % 5000)));
    const index = new CustomerSearchIndex();
    index.apply(first);
    const orders = listOrdersOf(index);
    const ready = Promise.all([orders.prepare('recent'), orders.prepare('reading')]);
    expect(orders.isOrderReady('recent')).toBe(false);

    // While the sort takes its steps: a batch of new cards, one card with new activity, one deleted.
    const batch = Array.from({ length: 300 }, (_, i) => cardFrom(`b-${i}`, spec(i % PEOPLE.length, 2_500 + i)));
    index.apply(batch);
    const touched = { ...first[10]!, activityAt: 9_999 };
    const deleted = { ...first[20]!, deletedAt: 1 };
    index.apply([touched, deleted]);
    await ready;

    const all = [...first.filter((c) => c.id !== touched.id && c.id !== deleted.id), ...batch, touched];
    for (const order of ['recent', 'reading'] as const) {
      expect(orders.isOrderReady(order)).toBe(true);
      expect(orders.idsInOrder(order), order).toEqual(referenceIdsInOrder(all, order));
    }
    expect(orders.idsInOrder('recent')[0]).toBe(touched.id);
  });
});

describe('a card’s keys: exact lookups (the duplicate check at import), deletions and new names', () => {
  function blank(): CardSpec {
    return {
      person: 0,
      phones: [],
      email: '',
      tags: [],
      lastVisitAt: undefined,
      activityAt: undefined,
      deleted: 'no',
      repeatedKeys: false,
    };
  }
  /** 田中 花子 and 田中 一郎 */
  const hanako = cardFrom('c-1', { ...blank(), person: 0, phones: ['+819012345678'] });
  const ichiro = cardFrom('c-2', { ...blank(), person: 1, phones: ['+819012349999'] });

  it('finds a phone number or a reading typed in full, never a card whose key merely starts with it', () => {
    const index = new CustomerSearchIndex();
    index.apply([hanako, ichiro]);
    expect(index.idsWithKey('09012345678')).toEqual(['c-1']);
    expect(index.idsWithKey('0901234')).toEqual([]);
    expect(index.idsWithKey('たなかはなこ')).toEqual(['c-1']);
    expect(index.idsWithKey('たなか')).toEqual([]);
    expect(index.idsWithKey('tanakaichirou')).toEqual(['c-2']);
    expect(index.idsWithKey('')).toEqual([]);
    expect(index.idsWithKey('いちろう')).toEqual(['c-2']);
  });

  it('lists every card sharing a key, in id order', () => {
    const twin = cardFrom('c-0', { ...blank(), person: 0, phones: ['+819012345678'] });
    const index = new CustomerSearchIndex();
    index.apply([hanako, ichiro]);
    index.apply([twin]);
    expect(index.idsWithKey('09012345678')).toEqual(['c-0', 'c-1']);
  });

  it('never finds a deleted card, by search or by key', () => {
    const deleted: Customer = { ...hanako, deletedAt: 5, searchKeys: [], searchRanks: [] };
    const index = new CustomerSearchIndex();
    index.apply([hanako, ichiro]);
    index.apply([deleted]);
    expect(index.find('hanako')).toEqual([]);
    expect(index.find('tanaka').map((m) => m.customer.id)).toEqual(['c-2']);
    expect(index.idsWithKey('09012345678')).toEqual([]);
    expect(index.get('c-1')).toBeUndefined();
    expect(index.size).toBe(1);

    // A deleted card that arrives with its keys still on it (a tombstone from elsewhere) is left out too.
    const fresh = new CustomerSearchIndex();
    fresh.apply([{ ...hanako, deletedAt: 5 }]);
    expect(fresh.find('hanako')).toEqual([]);
    expect(fresh.idsWithKey('09012345678')).toEqual([]);
    expect(fresh.size).toBe(0);
  });

  it('forgets a card’s old name when the name is replaced, whether the change comes alone or in bulk', () => {
    const renamed = cardFrom('c-1', { ...blank(), person: 5, phones: ['+819012345678'] });
    const crowd = Array.from({ length: 40 }, (_, i) =>
      cardFrom(`z-${i}`, { ...blank(), person: 6 }),
    );

    const alone = new CustomerSearchIndex();
    alone.apply([hanako, ichiro]);
    alone.apply([renamed]);

    const inBulk = new CustomerSearchIndex();
    inBulk.apply([hanako, ichiro]);
    inBulk.apply([renamed, ...crowd]);

    for (const index of [alone, inBulk]) {
      expect(index.find('hanako')).toEqual([]);
      expect(index.idsWithKey('たなかはなこ')).toEqual([]);
      expect(index.find('misaki').map((m) => m.customer.name)).toEqual(['渡辺美咲']);
      expect(index.idsWithKey('わたなべみさき')).toEqual(['c-1']);
      // The phone stayed: the card is found by it, once, as it now is.
      expect(index.find('090-1234-5678').map((m) => m.customer)).toEqual([briefOf(renamed)]);
      expect(index.get('c-1')).toEqual(briefOf(renamed));
    }
  });
});

describe('searching while an import’s cards wait to be sorted in', () => {
  /** A card of the given name and reading, seen at `at`. */
  function cardOf(id: Id, name: string, reading: string, at: number): Customer {
    const fields: CustomerFields = { name, reading, phones: [], email: '', handles: [], address: '', tags: [], about: '' };
    return {
      id,
      createdAt: at,
      updatedAt: at,
      activityAt: at,
      ...fields,
      ...buildSearchIndex(fields),
      sortKey: customerSortKey(fields),
      visitTimes: [],
      referredCount: 0,
      talkAbout: [],
    };
  }
  const GIVEN = ['はなこ', 'いちろう', 'みさき', 'しんじ', 'ちな', 'ゆう', 'けん', 'あや'];
  const people = (family: string, familyReading: string, count: number, from: number) =>
    Array.from({ length: count }, (_, i) => {
      const given = GIVEN[i % GIVEN.length]!;
      return cardOf(`c-${String(from + i).padStart(4, '0')}`, `${family}${given}${i}`, `${familyReading} ${given}`, from + i);
    });

  it('finds the cards just imported that sort first, for one letter or more, as the sorted lists would', () => {
    // In the ledger, sorted: eighty 田中. Imported, not yet sorted in: forty 高橋 (before them in
    // the 50音) and forty 玉木 (after them).
    const ledger = people('田中', 'たなか', 80, 0);
    const imported = [...people('高橋', 'たかはし', 40, 100), ...people('玉木', 'たまき', 40, 200)];
    const importing = new CustomerSearchIndex({ sortChunk: 16 });
    importing.apply(ledger);
    while (importing.sortSome(0));
    importing.apply(imported);
    expect(importing.needsSorting).toBe(true);
    const sorted = new CustomerSearchIndex({ sortChunk: 16 });
    sorted.apply([...ledger, ...imported]);
    while (sorted.sortSome(0));
    const all = [...ledger, ...imported];
    for (const query of ['た', 'タ', 't', 'ta', 'たか', 'たま', 'たかは', 'たな', '高', '玉木']) {
      const ids = (index: CustomerSearchIndex) => index.find(query, 200).map((m) => m.customer.id);
      expect(ids(importing), query).toEqual(ids(sorted));
      expect(ids(importing), query).toEqual(referenceFind(all, query, 200).map((m) => m.customer.id));
    }
    // The one letter finds the 高橋 first: sixty entries of its list, all theirs and the first 田中.
    expect(importing.find('た', 200).some((m) => m.customer.name.startsWith('高橋'))).toBe(true);
  });
});
