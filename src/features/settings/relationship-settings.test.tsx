import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { customerInput } from '../../../test/support/factories';
import { renderApp } from '../../../test/support/render';
import { createCustomer } from '../../db/customers/customers';
import { db } from '../../db/db';
import { addStaff } from '../../db/staff/staff';
import { recordVisit } from '../../db/visits/visits';
import { writePref } from '../../lib/device-prefs';
import type { MessageTemplates } from '../../lib/message-templates';
import type { StageRules } from '../../lib/stages';

/** The settings form is editable once the counter knows an owner is at it. */
async function editable(name: string): Promise<HTMLElement> {
  // Generous: the settings screen is the heaviest to draw when the whole suite runs at once.
  await waitFor(() => expect(screen.getByRole('textbox', { name })).toBeEnabled(), {
    timeout: 20_000,
  });
  return screen.getByRole('textbox', { name });
}

describe('the owner’s relationship settings', () => {
  it('flags a template with an unknown placeholder when saved, and saves once it is fixed', async () => {
    const { user } = await renderApp('/settings/messages');
    const template = await editable('Thank-you (English)');
    await user.clear(template);
    // user-event types "{{" as one "{".
    await user.type(template, 'Dear {{nickname}, thank you! {{shop}');
    await user.click(screen.getByRole('button', { name: 'Save message templates' }));

    expect(template).toHaveAccessibleDescription(/Unknown placeholder \{nickname\}/);
    expect(screen.getByRole('alert')).toHaveTextContent('Please fix 1 field');
    // Nothing saved: the shop still writes with the default wording.
    expect(
      ((await db.settings.get('messageTemplates'))?.value as MessageTemplates | undefined)?.bodies[
        'thank-you'
      ].en ?? '',
    ).not.toContain('nickname');

    await user.clear(template);
    await user.type(template, 'Dear {{name}, thank you! {{shop}');
    await user.click(screen.getByRole('button', { name: 'Save message templates' }));
    expect(await screen.findByText('Message templates saved')).toBeInTheDocument();
    expect(
      ((await db.settings.get('messageTemplates'))?.value as MessageTemplates).bodies['thank-you']
        .en,
    ).toBe('Dear {name}, thank you! {shop}');
  });

  it('changes when a customer counts as a regular, and the stage follows', async () => {
    const id = await createCustomer(customerInput({ name: '田中 花子' }), undefined, {});
    for (const n of [50, 10])
      await recordVisit(id, { at: Date.now() - n * 86_400_000, kind: 'purchase', note: '' }, {});
    const { user } = await renderApp('/settings/stages');
    const visits = await editable('Visits needed to be a regular');
    await user.clear(visits);
    await user.type(visits, '１');
    await user.click(screen.getByRole('button', { name: 'Save stage rules' }));
    expect(visits).toHaveAccessibleDescription('Enter a number from 2 to 50');

    await user.clear(visits);
    await user.type(visits, '２');
    await user.click(screen.getByRole('button', { name: 'Save stage rules' }));
    expect(await screen.findByText('Stage rules saved')).toBeInTheDocument();
    expect(((await db.settings.get('stageRules'))?.value as StageRules).regularMinVisits).toBe(2);

    await user.click(screen.getByRole('link', { name: 'Customers' }));
    await user.type(await screen.findByRole('searchbox', { name: 'Search customers' }), '田中');
    expect(await screen.findByRole('link', { name: /^田中 花子/ })).toHaveTextContent('Regular');
  });

  it('keeps the rules away from staff who are not owners, who may still change the language', async () => {
    await renderApp('/');
    const owner = (await db.staff.toArray())[0]!.id;
    writePref('counterStaffId', await addStaff('Sato', 'staff', { staffId: owner }));
    await renderApp('/settings/stages');
    expect(await screen.findByRole('heading', { name: 'For owners only' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Customer stages' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save stage rules' })).not.toBeInTheDocument();
    await renderApp('/settings/device');
    expect(await screen.findByRole('combobox', { name: 'Language' })).toBeInTheDocument();
  });
});
