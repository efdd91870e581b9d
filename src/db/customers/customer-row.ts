/**
 * A card's stored row built from its fields: pure, so the import's worker builds rows the same way
 * the screens do, without opening the database.
 */
import { birthdayMonthDay } from '../../lib/follow-up-rules';
import { buildSearchIndex, customerSortKey } from '../../lib/search-keys';
import { newId } from '../ids';
import type { Customer, CustomerFields } from '../../model/types';
import type { Stamp } from '../write-context';

/**
 * The derived fields (search index, sort key, birthday index) always follow the fields they come
 * from. The referral is not among them: it is checked and dated by applyReferral.
 */
export function withDerivedFields<T extends CustomerFields>(fields: T) {
  const { referredBy: _referral, ...rest } = fields;
  const monthDay = birthdayMonthDay(fields.birthday);
  return {
    ...rest,
    ...buildSearchIndex(fields),
    sortKey: customerSortKey(fields),
    ...(monthDay ? { birthMonthDay: monthDay } : {}),
  };
}

export function newCustomerRow(fields: CustomerFields, stamp: Stamp): Customer {
  return {
    id: newId(),
    createdAt: stamp.updatedAt,
    ...stamp,
    ...withDerivedFields(fields),
    activityAt: stamp.updatedAt,
    visitTimes: [],
    referredCount: 0,
    talkAbout: [],
  };
}

/** What a person typed on a card (the fields duplicate checks compare and fill), from its stored row. */
export function customerFieldsOf(c: Customer): CustomerFields {
  const { name, reading, phones, email, handles, address, birthday, tags, about, memberNumber } = c;
  return {
    name,
    reading,
    phones,
    email,
    handles,
    address,
    ...(birthday ? { birthday } : {}),
    tags,
    about,
    ...(memberNumber ? { memberNumber } : {}),
  };
}
