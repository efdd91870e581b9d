/**
 * The quiet check-in: a returning customer (or staff for them) types the last digits of their
 * phone at the counter, taps their name, and the card opens with what matters in that moment, any
 * caution and what to talk about, before the rest. The search screen marks a card opened from a
 * search typed as phone digits; the card reads the mark from the navigation's state, so a card
 * opened any other way (a list, a link, a reload) keeps its usual order.
 *
 * Plain NFKC rather than the search's own normalisation: this runs on the first screen, whose code
 * stays light (the search's kana conversion loads after it).
 */

/** Whether a query was typed as a phone's digits ("5678", "090-1234", "０３ １２３４"). */
export function isPhoneDigitsQuery(query: string): boolean {
  const text = query.normalize('NFKC').trim();
  return /^[\d\s()+-]+$/.test(text) && /\d/.test(text);
}

/** What a card is opened with from a check-in: the navigation's state. */
export interface CheckInArrival {
  checkIn: true;
}

export const CHECK_IN_ARRIVAL: CheckInArrival = { checkIn: true };

export function isCheckInArrival(state: unknown): boolean {
  return (
    typeof state === 'object' &&
    state !== null &&
    (state as Partial<CheckInArrival>).checkIn === true
  );
}
