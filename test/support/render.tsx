/**
 * Renders the app as a person meets it (routes, layout, toasts, English UI) at a given address,
 * on a fresh ledger that has gone through start-up.
 */
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { bootstrap } from '../../src/app/bootstrap';
import { Providers } from '../../src/app/Providers';
import { AppRoutes } from '../../src/app/routes';
import { ErrorBoundary } from '../../src/components/ErrorBoundary';
import { chooseLanguage } from '../../src/i18n';

export async function renderApp(route = '/') {
  await chooseLanguage('en');
  await bootstrap();
  const user = userEvent.setup();
  const view = render(
    <ErrorBoundary>
      <MemoryRouter initialEntries={[route]}>
        <Providers>
          <AppRoutes />
        </Providers>
      </MemoryRouter>
    </ErrorBoundary>,
  );
  return { user, ...view };
}
