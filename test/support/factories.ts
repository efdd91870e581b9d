import type { ConsentGrant } from '../../src/db/customers/consents';
import type { CustomerInput } from '../../src/lib/customer-input';

export function customerInput(overrides: Partial<CustomerInput> = {}): CustomerInput {
  return { name: '田中 花子', reading: 'たなか はなこ', phones: ['090-1234-5678'], ...overrides };
}

export function consentGrant(overrides: Partial<ConsentGrant> = {}): ConsentGrant {
  return {
    channels: ['mail'],
    purposeText: '当店からのお知らせにのみ使います。',
    purposeVersion: 1,
    method: 'in-person',
    ...overrides,
  };
}
