import { parseCustomerInput, type FieldError } from '../../lib/customer-input';
import { chosenChannels, toCustomerInput, type CustomerDraft } from './customer-draft';

/** Everything wrong with the form as typed: the card's fields, and consent without a channel. */
export function customerDraftErrors(draft: CustomerDraft): FieldError[] {
  const parsed = parseCustomerInput(toCustomerInput(draft));
  const errors = parsed.ok ? [] : [...parsed.errors];
  if (draft.mayContact && chosenChannels(draft).length === 0) {
    errors.push({ field: 'channels', code: 'noChannel' });
  }
  return errors;
}
