/**
 * Staff tap a regular's name: the name, caution and timeline come first, and the panels below
 * them (follow-ups, wanted items, buy-ins, privacy), each with reads of its own, mount only once
 * the timeline is on screen, even when its entries are read after the card (a busy tablet).
 */
import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../test/support/render';
import { customerInput } from '../../test/support/factories';
import { createCustomer } from '../db/customers/customers';
import { recordVisit } from '../db/visits/visits';

vi.mock('../db/queries', async (original) => {
  const queries = await original<typeof import('../db/queries')>();
  return {
    ...queries,
    timelineOf: async (...args: Parameters<typeof queries.timelineOf>) => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      return queries.timelineOf(...args);
    },
  };
});

describe("a regular's card", () => {
  it('shows the timeline before the panels below it mount', async () => {
    const id = await createCustomer(customerInput({ name: '田中 花子', reading: 'たなか はなこ' }), undefined, {});
    await recordVisit(id, { at: Date.UTC(2026, 0, 1), kind: 'purchase', note: 'a tea bowl' }, {});
    // What is on screen each time the page changes, in order.
    const seen: { entries: boolean; panels: boolean }[] = [];
    const observer = new MutationObserver(() =>
      seen.push({
        entries: Boolean(document.querySelector('ol.timeline__list li')),
        panels: Boolean(document.getElementById('card-follow-ups-heading')),
      }),
    );
    observer.observe(document.body, { subtree: true, childList: true });
    await renderApp(`/customers/${id}`);
    await screen.findByRole('heading', { name: 'Follow-ups' });
    observer.disconnect();

    expect(await screen.findByText('a tea bowl')).toBeInTheDocument();
    expect(seen.some((s) => s.entries && !s.panels)).toBe(true);
    expect(seen.some((s) => s.panels && !s.entries)).toBe(false);
  });
});
