/**
 * Settings as an owner and as staff live with it: a short index of sections, each at an address of
 * its own, the everyday tasks still one tap from "Settings".
 */
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/support/render';
import { db } from '../db/db';
import { addStaff, ensureFirstStaff } from '../db/staff/staff';
import { chooseLanguage } from '../i18n';

async function asStaff() {
  await ensureFirstStaff('Owner');
  const owner = (await db.staff.toArray())[0]!;
  const staff = await addStaff('Sato', 'staff', { staffId: owner.id });
  localStorage.setItem('daifuku.counterStaffId', staff);
}

describe('Settings in sections', () => {
  it('the owner finds every section in a short index and opens one at its own address', async () => {
    const { user } = await renderApp('/settings');
    const index = await screen.findByRole('navigation', { name: 'Settings sections' }, { timeout: 10_000 });
    const names = within(index)
      .getAllByRole('link')
      .map((link) => link.querySelector('.settings-index__name')?.textContent);
    expect(names).toEqual([
      'This device',
      'Sync',
      'Backup and restore',
      'Import customers',
      'Export',
      'Staff and PINs',
      'Shop and purpose of use',
      'Quick notes',
      'Stages',
      'Follow-up steps',
      'Message templates',
      'Ledger: sale record rules',
      'Audit log',
    ]);
    // The everyday tasks stay on Settings itself; the set-up moved to its own sections.
    expect(await screen.findByRole('region', { name: 'Sync' }, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export backup' })).toBeInTheDocument();
    expect(screen.getByLabelText('Import customers')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Customer stages' })).not.toBeInTheDocument();

    await user.click(within(index).getByRole('link', { name: /^Stages/ }));
    expect(await screen.findByRole('region', { name: 'Customer stages' })).toBeInTheDocument();
    expect(within(index).getByRole('link', { name: /^Stages/ })).toHaveAttribute('aria-current', 'page');
    expect(screen.queryByRole('region', { name: 'Sync' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: '‹ All settings' })).toHaveAttribute('href', '/settings');
  });

  it('staff see which sections are for owners, open the device’s own, and are told when a section is not theirs', async () => {
    await asStaff();
    await renderApp('/settings');
    const index = await screen.findByRole('navigation', { name: 'Settings sections' }, { timeout: 10_000 });
    expect(within(index).getByRole('link', { name: /^This device/ })).not.toHaveTextContent('Owner only');
    expect(within(index).getByRole('link', { name: /^Backup and restore/ })).toHaveTextContent('Owner only');
    expect(screen.getByRole('combobox', { name: 'Language' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Export backup' })).not.toBeInTheDocument();

    await renderApp('/settings/audit');
    expect(await screen.findByRole('heading', { name: 'For owners only' })).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Audit log' })).not.toBeInTheDocument();
  });

  it('an address that names no section says so and keeps the index', async () => {
    await renderApp('/settings/nowhere');
    expect(await screen.findByRole('alert')).toHaveTextContent('There is no such settings section');
    expect(screen.getByRole('navigation', { name: 'Settings sections' })).toBeInTheDocument();
  });

  it('reads in Japanese, with the owner called 店主', async () => {
    await asStaff();
    await renderApp('/settings');
    await screen.findByRole('navigation', { name: 'Settings sections' }, { timeout: 10_000 });
    await act(() => chooseLanguage('ja'));
    try {
      const index = await screen.findByRole('navigation', { name: '設定の項目' });
      expect(within(index).getByRole('link', { name: /^同期/ })).toHaveTextContent('店主のみ');
    } finally {
      await act(() => chooseLanguage('en'));
    }
  });
});
