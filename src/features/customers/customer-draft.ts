/**
 * The customer form's state as typed, and its conversion to what the data layer accepts.
 * Kept as plain strings so a half-typed phone number survives in a draft exactly as typed.
 */
import type { ConsentGrant } from '../../db/customers/consents';
import type { Consent, ConsentChannel, Customer, Handle, HandleKind } from '../../model/types';
import { CONSENT_CHANNELS } from '../../model/types';
import type { CustomerInput } from '../../lib/customer-input';
import { formatPhone } from '../../lib/phone';

export interface CustomerDraft {
  name: string;
  reading: string;
  phones: string[];
  email: string;
  handleKind: HandleKind;
  handle: string;
  /** Handles beyond the first (e.g. imported) ride along unchanged so editing never drops them. */
  otherHandles: Handle[];
  address: string;
  birthday: string;
  tags: string;
  about: string;
  mayContact: boolean;
  /** null until someone touches the channel boxes: then they follow the contact details given. */
  channels: ConsentChannel[] | null;
  /** The chosen referrer's id, '' for none. */
  referredBy: string;
  /** The referrer's name once chosen, or what is typed in "Referred by" while searching. */
  referredByName: string;
  /** The number another system (a POS) gave them. */
  memberNumber: string;
}

export const EMPTY_CUSTOMER_DRAFT: CustomerDraft = {
  name: '',
  reading: '',
  phones: [''],
  email: '',
  handleKind: 'line',
  handle: '',
  otherHandles: [],
  address: '',
  birthday: '',
  tags: '',
  about: '',
  mayContact: false,
  channels: null,
  referredBy: '',
  referredByName: '',
  memberNumber: '',
};

const TAG_SEPARATOR = /[,、，]/;

export function splitTags(typed: string): string[] {
  return typed
    .split(TAG_SEPARATOR)
    .map((t) => t.trim())
    .filter(Boolean);
}

export function toCustomerInput(draft: CustomerDraft): CustomerInput {
  return {
    name: draft.name,
    reading: draft.reading,
    phones: draft.phones,
    email: draft.email,
    handles: [
      ...(draft.handle.trim() ? [{ kind: draft.handleKind, value: draft.handle }] : []),
      ...draft.otherHandles,
    ],
    address: draft.address,
    birthday: draft.birthday,
    tags: splitTags(draft.tags),
    about: draft.about,
    referredBy: draft.referredBy || undefined,
    // A draft kept from before the field existed has none.
    memberNumber: draft.memberNumber ?? '',
  };
}

/** The channels that fit the details given: asked about first, unticked by staff if declined. */
export function suggestedChannels(draft: Pick<CustomerDraft, 'phones' | 'email' | 'handle' | 'handleKind' | 'address'>): ConsentChannel[] {
  const channels: ConsentChannel[] = [];
  if (draft.email.trim()) channels.push('mail');
  if (draft.phones.some((p) => p.trim())) channels.push('sms', 'phone');
  if (draft.handle.trim() && draft.handleKind === 'line') channels.push('line');
  if (draft.address.trim()) channels.push('post');
  return CONSENT_CHANNELS.filter((c) => channels.includes(c));
}

export function chosenChannels(draft: CustomerDraft): ConsentChannel[] {
  if (!draft.mayContact) return [];
  return draft.channels ?? suggestedChannels(draft);
}

export function consentGrantFor(
  draft: CustomerDraft,
  purpose: { purposeText: string; purposeVersion: number },
): ConsentGrant {
  return { channels: chosenChannels(draft), ...purpose, method: 'in-person' };
}

export function draftFromCustomer(
  customer: Customer,
  consents: readonly Consent[],
  referrer?: Pick<Customer, 'id' | 'name'>,
): CustomerDraft {
  const handle = customer.handles[0];
  const channels = CONSENT_CHANNELS.filter((c) => consents.some((k) => k.channel === c));
  return {
    name: customer.name,
    reading: customer.reading,
    phones: customer.phones.length ? customer.phones.map((p) => formatPhone(p)) : [''],
    email: customer.email,
    handleKind: handle?.kind ?? 'line',
    handle: handle?.value ?? '',
    otherHandles: customer.handles.slice(1),
    address: customer.address,
    birthday: customer.birthday ?? '',
    tags: customer.tags.join(', '),
    about: customer.about,
    mayContact: channels.length > 0,
    channels,
    referredBy: referrer?.id ?? '',
    referredByName: referrer?.name ?? '',
    memberNumber: customer.memberNumber ?? '',
  };
}
