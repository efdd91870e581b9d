/**
 * The counter's PIN lock against guessing: a few wrong PINs cost nothing, then the lock screen
 * makes people wait longer and longer, says how long in their language, and a reload of the
 * tablet does not start the count again.
 */
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../test/support/render';
import { db } from '../db/db';
import { pinAttempts } from '../db/staff/pin-attempts';
import { addStaff, ensureFirstStaff, setStaffPin } from '../db/staff/staff';
import { PinsPanel } from '../features/settings/PinsPanel';
import { useCounter } from '../hooks/useCounter';
import { chooseLanguage, i18n, loadScreenStrings } from '../i18n';
import { Providers } from './Providers';

async function ownerAndStaff() {
  await i18n.changeLanguage('en');
  await ensureFirstStaff('Owner');
  const owner = (await db.staff.toArray())[0]!;
  const staffId = await addStaff('Sasaki', 'staff', { staffId: owner.id });
  return { owner: { staffId: owner.id }, staff: { staffId } };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('wrong PINs on the lock screen', () => {
  it('after five, staff are told how long to wait, a reload does not reset it, and once it is over the right PIN opens the counter', async () => {
    const { owner, staff } = await ownerAndStaff();
    await setStaffPin(owner.staffId, '1357', owner);
    await setStaffPin(staff.staffId, '2468', owner);
    // The clock stands still unless the test moves it.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2025, 5, 2, 3));

    const { user } = await renderApp('/');
    expect(await screen.findByRole('heading', { name: 'Counter locked' })).toBeInTheDocument();
    const tryPin = async (pin: string) => {
      await user.type(await screen.findByLabelText('PIN'), pin);
      await user.click(screen.getByRole('button', { name: 'Unlock' }));
      await screen.findByText('That PIN is not right. Try again.');
    };
    for (let i = 0; i < 3; i++) await tryPin('0000');
    expect(
      screen.getByText(/^2 more wrong PINs and the counter makes you wait/),
    ).toBeInTheDocument();
    await tryPin('0000');
    expect(
      screen.getByText(/^One more wrong PIN and the counter makes you wait/),
    ).toBeInTheDocument();
    await tryPin('0000');
    expect(
      await screen.findByText('Too many wrong PINs. Try again in 30 seconds.'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('PIN')).toHaveAccessibleDescription(/Try again in 30 seconds/);

    // Someone reloads the tablet hoping for a fresh start.
    const again = await (async () => {
      cleanup();
      return renderApp('/');
    })();
    expect(
      await screen.findByText('Too many wrong PINs. Try again in 30 seconds.'),
    ).toBeInTheDocument();
    // The owner's own PIN, and still no way in before the wait is over.
    await again.user.type(await screen.findByLabelText('PIN'), '1357');
    expect(screen.getByRole('button', { name: 'Unlock' })).toBeDisabled();

    await act(() => chooseLanguage('ja'));
    expect(
      await screen.findByText('暗証番号の誤りが続いたため、30秒後にもう一度お試しください。'),
    ).toBeInTheDocument();
    await act(() => chooseLanguage('en'));

    vi.setSystemTime(Date.UTC(2025, 5, 2, 3, 0, 31));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Unlock' })).toBeEnabled());
    expect(screen.queryByText(/^Too many wrong PINs/)).not.toBeInTheDocument();
    await again.user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByRole('searchbox', { name: 'Search customers' })).toBeInTheDocument();
    expect(await pinAttempts(), 'the right PIN starts the count again').toEqual({
      failures: 0,
      lastFailureAt: 0,
    });
  });

  it('a long wait is said in minutes', async () => {
    const { owner } = await ownerAndStaff();
    await setStaffPin(owner.staffId, '1357', owner);
    const now = Date.now();
    await db.meta.put({ key: 'pinAttempts', value: { failures: 9, lastFailureAt: now - 60_000 } });
    await renderApp('/');
    expect(
      await screen.findByText('Too many wrong PINs. Try again in 7 minutes.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Unlock' })).toBeDisabled();
  });
});

function CounterPins() {
  const counter = useCounter();
  return counter.loading ? null : <PinsPanel counter={counter} lockAfterMinutes={5} />;
}

describe('the idle lock', () => {
  it('staff are not offered "Never"; the owner is, and can choose it', async () => {
    const { owner, staff } = await ownerAndStaff();
    await chooseLanguage('en');
    // Settings brings the screens' strings; this renders its panel alone.
    await loadScreenStrings();
    localStorage.setItem('daifuku.counterStaffId', staff.staffId);
    render(
      <Providers>
        <CounterPins />
      </Providers>,
    );
    const lockAfter = await screen.findByRole('combobox', { name: 'Lock after idle' });
    expect(lockAfter).toHaveAccessibleDescription('Only an owner can turn the auto-lock off.');
    expect(screen.queryByRole('option', { name: 'Never' })).not.toBeInTheDocument();
    expect(screen.getByRole('option', { name: '10 minutes' })).toBeInTheDocument();
    cleanup();

    localStorage.setItem('daifuku.counterStaffId', owner.staffId);
    const { user } = await renderApp('/settings/staff');
    const ownersChoice = await screen.findByRole('combobox', { name: 'Lock after idle' });
    await user.selectOptions(ownersChoice, 'Never');
    await waitFor(async () => expect((await db.settings.get('lockAfterMinutes'))?.value).toBe(0));
  });
});
