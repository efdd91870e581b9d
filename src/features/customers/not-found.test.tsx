import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../../test/support/render';

describe('a link to a card that is not in the ledger', () => {
  it.each(['/customers/gone', '/customers/gone/edit', '/customers/gone/appraisal', '/customers/gone/sale'])(
    '%s says so and leads back to the customers',
    async (route) => {
      await renderApp(route);
      expect(await screen.findByText('This customer is not in the ledger (it may have been deleted).')).toBeInTheDocument();
      expect(screen.getByRole('link', { name: 'Back to customers' })).toHaveAttribute('href', '/');
    },
  );
});
