/**
 * The owner sets the follow-up ladder in Settings → Follow-up steps: a step turned off, the
 * minimum days between contacts, and "still with you?" (off until the owner sets days).
 */
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../../test/support/render';
import { db } from '../../db/db';
import type { FollowUpRules } from '../../lib/follow-up-ladder';

async function editable(name: string): Promise<HTMLElement> {
  await waitFor(() => expect(screen.getByRole('textbox', { name })).toBeEnabled(), {
    timeout: 5000,
  });
  return screen.getByRole('textbox', { name });
}

describe('the owner’s follow-up steps', () => {
  it('are saved as the owner sets them, and out-of-range days are named', async () => {
    const { user } = await renderApp('/settings/follow-ups');
    const minDays = await editable('Minimum days since the last contact');
    expect(minDays).toHaveValue('7');
    await user.clear(minDays);
    await user.type(minDays, '400');
    await user.click(screen.getByRole('button', { name: 'Save follow-up steps' }));
    expect(minDays).toHaveAccessibleDescription(/Enter a number from 0 to 365/);
    expect(
      ((await db.settings.get('followUpRules'))?.value as FollowUpRules | undefined)
        ?.minDaysBetweenContacts,
    ).not.toBe(400);

    await user.clear(minDays);
    await user.type(minDays, '14');
    await user.click(screen.getByRole('checkbox', { name: 'A useful tip after a second visit' }));
    const stillWithYou = screen.getByRole('textbox', { name: /is the item still with you/ });
    await user.clear(stillWithYou);
    await user.type(stillWithYou, '60');
    await user.click(screen.getByRole('button', { name: 'Save follow-up steps' }));

    await waitFor(async () => {
      const rules = (await db.settings.get('followUpRules'))?.value as FollowUpRules | undefined;
      expect(rules).toMatchObject({
        minDaysBetweenContacts: 14,
        stillWithYouAfterDays: 60,
        steps: { second: { enabled: false, afterDays: 3 }, first: { enabled: true, afterDays: 1 } },
      });
    });
  });
});
