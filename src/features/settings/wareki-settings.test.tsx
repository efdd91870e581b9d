import { configure, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../../test/support/render';
import { buyInWithPhoto } from '../../../test/support/shop-records';
import { bootstrap } from '../../app/bootstrap';
import { db } from '../../db/db';
import { eraYearOfMoment } from '../../lib/wareki';

// Screens load lazily; on a busy two-core machine the first load can take more than a second.
configure({ asyncUtilTimeout: 10_000 });

describe('the Japanese era beside dates, where the owner chooses', { timeout: 30_000 }, () => {
  it('the owner ticks the 古物台帳, and its records show the era year beside their dates', async () => {
    const { user } = await renderApp('/settings/shop');
    const ledgerBox = await screen.findByRole('checkbox', { name: 'Beside dates in the 古物台帳' });
    expect(ledgerBox).not.toBeChecked();
    await user.click(ledgerBox);
    await waitFor(async () =>
      expect((await db.settings.get('wareki'))?.value).toEqual({ birthdays: false, ledger: true }),
    );
    expect(screen.getByRole('checkbox', { name: 'Beside birthdays' })).not.toBeChecked();

    const owner = (await db.staff.toArray()).find((s) => s.role === 'owner')!;
    await buyInWithPhoto({ staffId: owner.id });
    await user.click(screen.getByRole('link', { name: 'Ledger' }));
    const table = await screen.findByRole('table');
    const [entry] = await db.ledgerEntries.toArray();
    expect(
      within(table).getByText(`（${eraYearOfMoment(entry!.transactedAt)}）`),
    ).toBeInTheDocument();
  });

  it('shows no era in the 古物台帳 until the owner asks for it', async () => {
    // Start-up names the owner, who checks the seller's ID.
    await bootstrap();
    const owner = (await db.staff.toArray()).find((s) => s.role === 'owner')!;
    await buyInWithPhoto({ staffId: owner.id });
    await renderApp('/ledger');
    const table = await screen.findByRole('table');
    expect(await within(table).findByText('Mario Kart 8 Deluxe')).toBeInTheDocument();
    expect(within(table).queryByText(/^（.+年）$/)).not.toBeInTheDocument();
  });
});
