import { describe, expect, it } from 'vitest';
import {
  changesFrom,
  DRAFT_MAX_AGE_MS,
  readDraft,
  removeDraftsMentioning,
  sweepDrafts,
  withChanges,
  writeDraft,
} from './drafts';

const DAY = 24 * 60 * 60 * 1000;
const MONDAY = Date.UTC(2025, 5, 2, 9);

function storedKeys(): string[] {
  return Object.keys(localStorage).sort();
}

describe('form drafts on this device', () => {
  it('keep only what was typed, laid over the card as it is stored when the form opens again', () => {
    const card = { name: '田中 花子', email: 'hana@example.jp', about: 'Shiba called Pochi' };
    const typed = { ...card, about: 'Shiba called Pochi, now 3' };
    writeDraft('edit-customer:c1', changesFrom(card, typed), MONDAY);
    expect(JSON.parse(localStorage.getItem('daifuku.draft:edit-customer:c1')!)).toEqual({
      savedAt: MONDAY,
      changes: { about: 'Shiba called Pochi, now 3' },
    });

    // Meanwhile another device corrected the email: the draft does not undo that.
    const nowStored = { ...card, email: 'hanako@example.jp' };
    expect(withChanges(nowStored, readDraft('edit-customer:c1', MONDAY + DAY))).toEqual({
      name: '田中 花子',
      email: 'hanako@example.jp',
      about: 'Shiba called Pochi, now 3',
    });
  });

  it('a form typed back to where it started leaves no draft', () => {
    writeDraft('note:c1', { note: 'half a note' }, MONDAY);
    writeDraft('note:c1', changesFrom({ note: '' }, { note: '' }), MONDAY);
    expect(storedKeys()).toEqual([]);
  });

  it('a draft nobody came back to for a week is gone when the form opens', () => {
    writeDraft('capture', { name: '佐藤 一郎' }, MONDAY);
    expect(readDraft('capture', MONDAY + DRAFT_MAX_AGE_MS - 1)).toEqual({ name: '佐藤 一郎' });
    expect(readDraft('capture', MONDAY + DRAFT_MAX_AGE_MS)).toBeUndefined();
    expect(storedKeys(), 'dropped from the device, not just hidden').toEqual([]);
  });

  it('at start, stale and unreadable drafts are dropped and an undated one from the previous version is kept and dated', () => {
    writeDraft('note:old', { note: 'last month' }, MONDAY - 30 * DAY);
    writeDraft('note:fresh', { note: 'this morning' }, MONDAY);
    localStorage.setItem('daifuku.draft:broken', '{not json');
    // The previous version stored the whole form, undated: typed just before the update.
    localStorage.setItem(
      'daifuku.draft:new-customer',
      JSON.stringify({ name: '山本', phones: [''] }),
    );
    localStorage.setItem('daifuku.language', 'ja');

    sweepDrafts(MONDAY);
    expect(storedKeys()).toEqual([
      'daifuku.draft:new-customer',
      'daifuku.draft:note:fresh',
      'daifuku.language',
    ]);
    expect(readDraft('new-customer', MONDAY)).toEqual({ name: '山本', phones: [''] });
    expect(
      readDraft('new-customer', MONDAY + DRAFT_MAX_AGE_MS),
      'it expires like the rest',
    ).toBeUndefined();
  });

  it('deleting a customer’s personal data drops every draft that names them, and only those', () => {
    const hana = '0197a1b2-0000-7000-8000-000000000001';
    const ken = '0197a1b2-0000-7000-8000-000000000002';
    for (const key of [
      `note:${hana}`,
      `edit-customer:${hana}`,
      `edit-entry:${hana}:v1`,
      `note:${ken}`,
      'capture',
    ]) {
      writeDraft(key, { text: 'typed' }, MONDAY);
    }
    removeDraftsMentioning(hana);
    expect(storedKeys()).toEqual(['daifuku.draft:capture', `daifuku.draft:note:${ken}`]);
  });

  it('a stored field of the wrong kind (an older form, or tampered with) gives way to the form’s own value', () => {
    const form = { name: '', phones: [''], channels: null as string[] | null, mayContact: false };
    expect(
      withChanges(form, {
        name: 42,
        phones: '090',
        channels: ['mail'],
        mayContact: true,
        extra: 'kept aside',
      }),
    ).toEqual({
      name: '',
      phones: [''],
      channels: ['mail'],
      mayContact: true,
      extra: 'kept aside',
    });
  });

  it('a clock set back does not keep a draft forever: it expires a week after the next start', () => {
    writeDraft('capture', { name: '未来' }, MONDAY + 365 * DAY);
    sweepDrafts(MONDAY);
    expect(readDraft('capture', MONDAY)).toEqual({ name: '未来' });
    expect(readDraft('capture', MONDAY + DRAFT_MAX_AGE_MS)).toBeUndefined();
  });
});
