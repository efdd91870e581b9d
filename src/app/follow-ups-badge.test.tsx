/**
 * The number on "Follow-ups" waits for the counter's first search at a start: reading every due
 * follow-up's card would compete with the answer. Then it counts, and follows what changes.
 */
import { render, waitFor } from '@testing-library/react';
import { expect, test } from 'vitest';
import { customerInput } from '../../test/support/factories';
import { createCustomer, deleteCustomer } from '../db/customers/customers';
import { addReminder } from '../db/follow-ups/follow-ups';
import { addStaff } from '../db/staff/staff';
import { searchAnswered, searchWaiting } from '../lib/first-answer';
import { FollowUpsDueBadge } from './FollowUpsDueBadge';

test('counts the follow-ups due once the first search is answered, and drops a deleted customer’s', async () => {
  const owner = { staffId: await addStaff('山本 和子', 'owner', {}) };
  const hana = await createCustomer(customerInput({ name: '田中 花子' }), undefined, owner);
  const ken = await createCustomer(customerInput({ name: '佐藤 健' }), undefined, owner);
  await addReminder(hana, 'お礼状', Date.now(), owner);
  await addReminder(ken, '帯の入荷を連絡', Date.now(), owner);

  // Someone typed a search the moment the tablet came on: its answer comes first.
  searchWaiting(true);
  const { container } = render(<FollowUpsDueBadge />);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(container).toHaveTextContent('');

  searchAnswered();
  await waitFor(() => expect(container).toHaveTextContent('2'));
  await deleteCustomer(ken, owner);
  await waitFor(() => expect(container).toHaveTextContent('1'));
});
