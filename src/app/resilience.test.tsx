import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fillTheDisk, freeTheDisk } from '../../test/support/full-disk';
import { renderApp } from '../../test/support/render';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { chooseLanguage } from '../i18n';

afterEach(async () => {
  await freeTheDisk();
});

describe('when something goes wrong', () => {
  it('a full disk is explained and what was typed stays in the form', async () => {
    const { user } = await renderApp('/customers/new');
    await user.type(await screen.findByRole('textbox', { name: 'Name' }), '田中 花子');
    await user.type(screen.getByRole('textbox', { name: 'About them' }), 'Likes Arita ware');
    await fillTheDisk();
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(/storage is full/);
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('田中 花子');
    expect(screen.getByRole('textbox', { name: 'About them' })).toHaveValue('Likes Arita ware');

    await freeTheDisk();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('heading', { level: 1, name: '田中 花子' })).toBeInTheDocument();
  });

  it('a screen that fails to draw shows a message instead of a blank page', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await chooseLanguage('en');
    function Broken(): never {
      throw new Error('boom');
    }
    render(
      <ErrorBoundary>
        <Broken />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Something went wrong on this screen');
    expect(screen.getByRole('alert')).toHaveTextContent('Your ledger is safe');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});

describe('language', () => {
  it('switches between English and Japanese in Settings and remembers the choice', async () => {
    const { user } = await renderApp('/settings');
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Language' }), '日本語');
    expect(await screen.findByRole('heading', { level: 1, name: '設定' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '顧客' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('ja');
    expect(localStorage.getItem('daifuku.language')).toBe('ja');

    await user.selectOptions(screen.getByRole('combobox', { name: '言語' }), 'English');
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeInTheDocument();
  });
});
