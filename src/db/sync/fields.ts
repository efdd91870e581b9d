/**
 * What a change pulled from the shop's server may hold, table by table and field by field. A
 * change arrives from another device, through a relay this device does not control: it may be
 * malformed, hostile, or from a newer app version. Checked here before anything is written, so a
 * value the app cannot show (a name that is an object, an index key that is not a key, a
 * `__proto__` field) never reaches the ledger, and the change is set aside with its reason instead
 * (src/db/sync/set-aside.ts) while every other change still applies.
 *
 * - A field of the wrong type, or a value past the limits below: the whole change is set aside as
 *   invalid (half of a hostile change is not applied).
 * - A table, a setting, or a value of a known list (a visit kind, an item category) this version
 *   does not know: set aside as from a newer version, and tried again once the app's rules change
 *   (rulesSignature below), so an update brings it in.
 * - Fields this version does not know, beside known ones: the known ones apply now; the unknown
 *   ones are set aside as from a newer version (the same change, tried again after an update).
 *
 * A new synced table or field needs its rule here (a test checks every table has rules). The rules
 * are checked on every pulled change: plain functions, no schema library, so a 100,000-change pull
 * stays fast.
 */
import { isBlob } from '../../lib/is-blob';
import { ITEM_CATEGORIES, ID_DOCUMENTS, ID_METHODS, GUARDIAN_METHODS } from '../../lib/kobutsu-rules';
import { MESSAGE_LANGUAGES, TEMPLATE_KINDS } from '../../lib/message-templates';
import { invalidStageRules, type StageRules } from '../../lib/stages';
import { followUpRulesOf, invalidFollowUpRules, type FollowUpRules } from '../../lib/follow-up-ladder';
import { WANTED_CATEGORIES } from '../../lib/wanted-match';
import type { Change } from '../../lib/sync/merge';
import { LOCAL_FIELDS } from './tables';
import {
  AUDIT_ACTIONS,
  CAUTION_LEVELS,
  CONSENT_CHANNELS,
  FOLLOW_UP_KINDS,
  HANDLE_KINDS,
  VISIT_KINDS,
  VISIT_SOURCES,
} from '../../model/types';

export type { SetAsideReason } from '../../model/types';

type Problem = 'invalid' | 'newer-version';

interface Rule {
  /** What the rule accepts, in words: the rules' signature is made of these. */
  readonly text: string;
  check(value: unknown): Problem | undefined;
}

/** Keys that would reach an object's prototype when assigned: refused wherever they occur. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const SHORT = 2_000;
const LONG = 100_000;
const MAX_ITEMS = 10_000;
const MAX_DEPTH = 10;
const MAX_NODES = 50_000;
/** The range a JavaScript Date holds. */
const MAX_TIME = 8.64e15;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !isBlob(value)
  );
}

/**
 * Plain JSON within bounds: no Blob, no key that reaches a prototype, not too deep, too long or
 * too many. Every field passes this before its own rule.
 */
function isSafeJson(value: unknown, allowBlob = false): boolean {
  let nodes = 0;
  const visit = (v: unknown, depth: number): boolean => {
    if (++nodes > MAX_NODES || depth > MAX_DEPTH) return false;
    switch (typeof v) {
      case 'string':
        return v.length <= LONG;
      case 'number':
        return Number.isFinite(v);
      case 'boolean':
        return true;
      case 'object':
        if (v === null) return true;
        if (isBlob(v)) return allowBlob && depth === 0;
        if (Array.isArray(v))
          return v.length <= MAX_ITEMS && v.every((item) => visit(item, depth + 1));
        if (Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null)
          return false;
        return Object.keys(v).every(
          (key) =>
            key.length <= SHORT &&
            !FORBIDDEN_KEYS.has(key) &&
            visit((v as Record<string, unknown>)[key], depth + 1),
        );
      default:
        return false;
    }
  };
  return visit(value, 0);
}

const rule = (text: string, check: (value: unknown) => Problem | undefined): Rule => ({
  text,
  check,
});

const text = (max: number) =>
  rule(`text(${max})`, (v) => (typeof v === 'string' && v.length <= max ? undefined : 'invalid'));
const SHORT_TEXT = text(SHORT);
const LONG_TEXT = text(LONG);
const ID = rule('id', (v) =>
  typeof v === 'string' && v.length > 0 && v.length <= 256 && !FORBIDDEN_KEYS.has(v)
    ? undefined
    : 'invalid',
);
const TIME = rule('time', (v) =>
  typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= MAX_TIME ? undefined : 'invalid',
);
const NUMBER = rule('number', (v) =>
  typeof v === 'number' && Number.isFinite(v) ? undefined : 'invalid',
);
const INTEGER = rule('integer', (v) => (Number.isSafeInteger(v) ? undefined : 'invalid'));
const BOOLEAN = rule('boolean', (v) => (typeof v === 'boolean' ? undefined : 'invalid'));
const BLOB = rule('blob', (v) => (isBlob(v) ? undefined : 'invalid'));
const pattern = (name: string, re: RegExp) =>
  rule(name, (v) => (typeof v === 'string' && re.test(v) ? undefined : 'invalid'));

function oneOf(values: readonly string[]): Rule {
  const known = new Set(values);
  return rule(`oneOf(${values.join('|')})`, (v) =>
    typeof v !== 'string' || v.length > SHORT
      ? 'invalid'
      : known.has(v)
        ? undefined
        : 'newer-version',
  );
}

function listOf(item: Rule, max = MAX_ITEMS): Rule {
  return rule(`list(${item.text})`, (v) => {
    if (!Array.isArray(v) || v.length > max) return 'invalid';
    let newer: Problem | undefined;
    for (const entry of v) {
      const problem = item.check(entry);
      if (problem === 'invalid') return problem;
      newer ??= problem;
    }
    return newer;
  });
}

/** An object whose known keys have their rules (absent is fine); other keys are plain JSON. */
function shape(fields: Record<string, Rule>): Rule {
  const entries = Object.entries(fields);
  return rule(`{${entries.map(([k, r]) => `${k}:${r.text}`).join(',')}}`, (v) => {
    if (!isPlainObject(v)) return 'invalid';
    let newer: Problem | undefined;
    for (const [key, field] of entries) {
      const value = v[key];
      if (value === undefined) continue;
      const problem = field.check(value);
      if (problem === 'invalid') return problem;
      newer ??= problem;
    }
    return newer;
  });
}

/** An object of any keys, each value by `value`. */
function recordOf(value: Rule): Rule {
  return rule(`record(${value.text})`, (v) => {
    if (!isPlainObject(v)) return 'invalid';
    let newer: Problem | undefined;
    for (const entry of Object.values(v)) {
      const problem = value.check(entry);
      if (problem === 'invalid') return problem;
      newer ??= problem;
    }
    return newer;
  });
}

const SCALAR = rule('scalar', (v) =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))
    ? undefined
    : 'invalid',
);

const SYNCED_ROW: Record<string, Rule> = {
  createdAt: TIME,
  updatedAt: TIME,
  deletedAt: TIME,
  updatedBy: ID,
  deviceId: SHORT_TEXT,
  /** The restore that marked the row deleted (src/db/backup/restore-rules.ts), so any device can undo it. */
  removedByRestore: ID,
};

const CONSENT_METHOD = oneOf(['in-person', 'form', 'self-entry']);
const LOCALIZED = shape(
  Object.fromEntries(MESSAGE_LANGUAGES.map((language) => [language, LONG_TEXT])),
);
const LEDGER_ITEM_FIELDS: Record<string, Rule> = {
  category: oneOf(ITEM_CATEGORIES),
  description: SHORT_TEXT,
  features: SHORT_TEXT,
  quantity: NUMBER,
  price: NUMBER,
  photoId: ID,
};

/** Each synced table's fields (besides its primary key, which no change sets). */
const TABLE_FIELDS: Readonly<Record<string, Record<string, Rule>>> = {
  customers: {
    ...SYNCED_ROW,
    name: SHORT_TEXT,
    reading: SHORT_TEXT,
    phones: listOf(SHORT_TEXT),
    email: SHORT_TEXT,
    handles: listOf(shape({ kind: oneOf(HANDLE_KINDS), value: SHORT_TEXT })),
    address: SHORT_TEXT,
    birthday: pattern('birthday', /^(\d{4}|-)-\d{2}-\d{2}$/),
    tags: listOf(SHORT_TEXT),
    about: LONG_TEXT,
    referredBy: ID,
    referredAt: TIME,
    mergedInto: ID,
    anonymizedAt: TIME,
    healthConsent: shape({
      grantedAt: TIME,
      purposeText: LONG_TEXT,
      method: CONSENT_METHOD,
      staffId: ID,
      revokedAt: TIME,
    }),
    talkAbout: listOf(
      shape({ id: ID, text: LONG_TEXT, addedAt: TIME, addedBy: ID, retiredAt: TIME }),
    ),
    caution: shape({ reason: LONG_TEXT, setAt: TIME, setBy: ID, level: oneOf(CAUTION_LEVELS) }),
    memberNumber: SHORT_TEXT,
    visitsBefore: shape({
      source: oneOf(VISIT_SOURCES),
      count: INTEGER,
      firstAt: TIME,
      lastAt: TIME,
      since: TIME,
    }),
  },
  visits: {
    ...SYNCED_ROW,
    customerId: ID,
    at: TIME,
    kind: oneOf(VISIT_KINDS),
    amount: NUMBER,
    note: LONG_TEXT,
    health: BOOLEAN,
    staffId: ID,
    record: shape({ type: oneOf(['appraisal', 'ledger-entry']), id: ID }),
  },
  consents: {
    ...SYNCED_ROW,
    customerId: ID,
    channel: oneOf(CONSENT_CHANNELS),
    purposeText: LONG_TEXT,
    purposeVersion: INTEGER,
    grantedAt: TIME,
    method: CONSENT_METHOD,
    staffId: ID,
    revokedAt: TIME,
  },
  followUps: {
    ...SYNCED_ROW,
    customerId: ID,
    kind: oneOf(FOLLOW_UP_KINDS),
    status: oneOf(['open', 'done', 'dismissed']),
    dueAt: TIME,
    note: LONG_TEXT,
    autoKey: SHORT_TEXT,
    visitId: ID,
    closedAt: TIME,
    closedBy: ID,
    channel: oneOf(['line', 'sms', 'mail', 'phone']),
    contactVisitId: ID,
    template: oneOf(TEMPLATE_KINDS),
    subject: LONG_TEXT,
    record: shape({ type: oneOf(['appraisal', 'ledger-entry']), id: ID }),
    wantedItemId: ID,
  },
  cautionHistory: {
    ...SYNCED_ROW,
    customerId: ID,
    action: oneOf(['set', 'edit', 'clear', 'override']),
    reason: LONG_TEXT,
    at: TIME,
    staffId: ID,
    level: oneOf(CAUTION_LEVELS),
    ledgerEntryId: ID,
  },
  wantedItems: {
    ...SYNCED_ROW,
    customerId: ID,
    text: LONG_TEXT,
    category: oneOf(WANTED_CATEGORIES),
    minPrice: NUMBER,
    maxPrice: NUMBER,
    until: TIME,
    status: oneOf(['open', 'closed']),
    closedAt: TIME,
    closedBy: ID,
    closedReason: oneOf(['found', 'withdrawn']),
  },
  staff: {
    ...SYNCED_ROW,
    name: SHORT_TEXT,
    role: oneOf(['owner', 'staff']),
    pin: shape({ hash: SHORT_TEXT, salt: SHORT_TEXT, iterations: INTEGER }),
  },
  settings: {
    // `value` depends on which setting the row is: SETTING_VALUES.
    updatedAt: TIME,
    updatedBy: ID,
  },
  audit: {
    ...SYNCED_ROW,
    at: TIME,
    action: oneOf(AUDIT_ACTIONS),
    staffId: ID,
    subjectId: ID,
    detail: recordOf(SCALAR),
  },
  suppressions: {
    ...SYNCED_ROW,
    hash: SHORT_TEXT,
    channel: oneOf([...CONSENT_CHANNELS, 'all']),
    reason: oneOf(['withdrawn', 'deleted']),
    at: TIME,
  },
  appraisals: {
    ...SYNCED_ROW,
    customerId: ID,
    at: TIME,
    staffId: ID,
    items: listOf(shape({ ...LEDGER_ITEM_FIELDS, accepted: BOOLEAN })),
    offeredTotal: NUMBER,
    outcome: oneOf(['declined', 'partly', 'accepted']),
    visitId: ID,
    ledgerEntryId: ID,
  },
  ledgerEntries: {
    ...SYNCED_ROW,
    kind: oneOf(['buy-in', 'sale']),
    customerId: ID,
    transactedAt: TIME,
    items: listOf(shape(LEDGER_ITEM_FIELDS)),
    total: NUMBER,
    counterparty: shape({
      name: SHORT_TEXT,
      address: SHORT_TEXT,
      occupation: SHORT_TEXT,
      age: NUMBER,
    }),
    idCheck: shape({
      method: oneOf(ID_METHODS),
      document: oneOf(ID_DOCUMENTS),
      detail: SHORT_TEXT,
      checkedBy: ID,
    }),
    guardian: shape({ name: SHORT_TEXT, method: oneOf(GUARDIAN_METHODS) }),
    rule: shape({
      required: BOOLEAN,
      byTotal: BOOLEAN,
      categories: listOf(oneOf(ITEM_CATEGORIES)),
    }),
    appraisalId: ID,
    visitId: ID,
    staffId: ID,
    corrects: ID,
    correctionReason: LONG_TEXT,
    searchText: LONG_TEXT,
    erasedAt: TIME,
  },
  photos: {
    ...SYNCED_ROW,
    blob: BLOB,
    type: SHORT_TEXT,
    width: INTEGER,
    height: INTEGER,
    bytes: INTEGER,
    appraisalId: ID,
  },
};

/** The settings rows by key, and what each one's `value` holds. */
const SETTING_VALUES: Readonly<Record<string, Rule>> = {
  shopName: SHORT_TEXT,
  shopAddress: SHORT_TEXT,
  purposeText: LONG_TEXT,
  purposeVersion: INTEGER,
  quickNotes: listOf(SHORT_TEXT),
  // Within what the owner may set: a rule outside it would make every card's stage nonsense.
  stageRules: rule('stageRules(within limits)', (v) =>
    isPlainObject(v) && invalidStageRules(v as unknown as StageRules).length === 0 ? undefined : 'invalid',
  ),
  messageTemplates: shape({
    bodies: shape(Object.fromEntries(TEMPLATE_KINDS.map((kind) => [kind, LOCALIZED]))),
    optOut: LOCALIZED,
  }),
  lockAfterMinutes: NUMBER,
  // Within what the owner may set, like the stage rules; an older app's rules lack what came later.
  followUpRules: rule('followUpRules(within limits)', (v) =>
    isPlainObject(v) && invalidFollowUpRules(followUpRulesOf(v as Partial<FollowUpRules>)).length === 0
      ? undefined
      : 'invalid',
  ),
  wareki: shape({ birthdays: BOOLEAN, ledger: BOOLEAN }),
  ledger: shape({
    permitNumber: SHORT_TEXT,
    saleRules: shape({
      threshold: NUMBER,
      byCategory: recordOf(oneOf(['never', 'threshold', 'always'])),
    }),
  }),
};

/** Tables with rules here; a test checks this covers every synced table of the schema. */
export const TABLES_WITH_RULES: readonly string[] = Object.keys(TABLE_FIELDS);

const RULES_TEXT = JSON.stringify([
  Object.entries(TABLE_FIELDS).map(([table, fields]) => [
    table,
    Object.entries(fields).map(([f, r]) => `${f}:${r.text}`),
  ]),
  Object.entries(SETTING_VALUES).map(([key, r]) => `${key}:${r.text}`),
  LOCAL_FIELDS,
]);
const signatures = new Map<string, string>();

/**
 * A fingerprint of everything above and of the tables this database syncs. Changes set aside as
 * from a newer version are tried again when it differs from the one they were set aside under: an
 * app update that learns a table, a field or a value brings them in, without anyone remembering to
 * bump a number.
 */
export function rulesSignature(syncedTables: readonly string[]): string {
  const tables = [...syncedTables].sort().join(',');
  let signature = signatures.get(tables);
  if (!signature) {
    signature = fingerprint(`${RULES_TEXT}|${tables}`);
    signatures.set(tables, signature);
  }
  return signature;
}

/** FNV-1a, 32 bits, as hex: short, stable and enough to notice that the rules changed. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

export interface Verdict {
  /** The part of the change to apply now; absent when nothing of it applies. */
  apply?: Change;
  /** Why (some of) the change is set aside, with the fields concerned. */
  setAside?: { reason: 'invalid' | 'newer-version'; fields: string[] };
}

/**
 * Checks a decoded change against this version's rules. `keyPathOf` gives the primary key of a
 * table this database syncs (undefined: it has no such table). A table with no rules here (a test
 * database's own) is checked only for plain, bounded JSON.
 */
export function checkChange(
  change: Change,
  keyPathOf: (table: string) => string | undefined,
): Verdict {
  const keyPath = keyPathOf(change.table);
  if (keyPath === undefined) return { setAside: { reason: 'newer-version', fields: [] } };
  if (FORBIDDEN_KEYS.has(change.row)) return { setAside: { reason: 'invalid', fields: [] } };
  if (change.purge || !change.set) return { apply: change };
  const fields = TABLE_FIELDS[change.table];
  const local = new Set(LOCAL_FIELDS[change.table] ?? []);
  const settingValue = change.table === 'settings' ? SETTING_VALUES[change.row] : undefined;
  if (change.table === 'settings' && !settingValue)
    return { setAside: { reason: 'newer-version', fields: [] } };

  const unknown: string[] = [];
  const newer: string[] = [];
  for (const [field, value] of Object.entries(change.set)) {
    if (!FIELD_NAME.test(field) || FORBIDDEN_KEYS.has(field))
      return { setAside: { reason: 'invalid', fields: [field] } };
    const fieldRule = field === 'value' && settingValue ? settingValue : fields?.[field];
    if (!isSafeJson(value, fieldRule === BLOB))
      return { setAside: { reason: 'invalid', fields: [field] } };
    // `null` unsets a field; the key and derived fields are never merged from elsewhere.
    if (value === null || local.has(field) || field === keyPath) continue;
    if (!fields) continue;
    if (!fieldRule) {
      unknown.push(field);
      continue;
    }
    const problem = fieldRule.check(value);
    if (problem === 'invalid') return { setAside: { reason: 'invalid', fields: [field] } };
    if (problem === 'newer-version') newer.push(field);
  }
  if (newer.length > 0) return { setAside: { reason: 'newer-version', fields: newer } };
  if (unknown.length === 0) return { apply: change };
  const known = Object.fromEntries(
    Object.entries(change.set).filter(([field]) => !unknown.includes(field)),
  );
  const setAside = { reason: 'newer-version' as const, fields: unknown };
  return Object.keys(known).length > 0
    ? { apply: { ...change, set: known }, setAside }
    : { setAside };
}
