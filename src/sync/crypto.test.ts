// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { decryptText, deriveShopKey, encryptText, keyMatches, makeKeyCheck, WrongPassphraseError } from './crypto';

// Fewer PBKDF2 rounds than the app's 600,000: the tests are about the construction, not the cost.
const ROUNDS = 1_000;

describe('end-to-end encryption with the shop passphrase', () => {
  it('lets every device of the shop read what one device sealed', async () => {
    const tablet = await deriveShopKey('yamamoto-1972', 'shop-1', ROUNDS);
    const phone = await deriveShopKey('yamamoto-1972', 'shop-1', ROUNDS);
    const sealed = await encryptText(tablet, '{"set":{"name":"田中 花子"}}');
    expect(sealed).not.toContain('田中');
    expect(await decryptText(phone, sealed)).toBe('{"set":{"name":"田中 花子"}}');
  });

  it('seals the same text differently each time', async () => {
    const key = await deriveShopKey('yamamoto-1972', 'shop-1', ROUNDS);
    expect(await encryptText(key, 'same')).not.toBe(await encryptText(key, 'same'));
  });

  it('tells a wrong passphrase, or another shop’s key, by the key check', async () => {
    const key = await deriveShopKey('yamamoto-1972', 'shop-1', ROUNDS);
    const check = await makeKeyCheck(key);
    expect(await keyMatches(key, check)).toBe(true);
    expect(await keyMatches(await deriveShopKey('yamamoto-1973', 'shop-1', ROUNDS), check)).toBe(false);
    expect(await keyMatches(await deriveShopKey('yamamoto-1972', 'shop-2', ROUNDS), check)).toBe(false);
    await expect(decryptText(await deriveShopKey('wrong', 'shop-1', ROUNDS), check)).rejects.toBeInstanceOf(WrongPassphraseError);
  });
});
