// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { decryptText, deriveShopKey, encryptText, isUnboundPayload, keyMatches, makeKeyCheck, openChange, sealChange, WrongPassphraseError } from './crypto';

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

  it('binds a change’s payload to its shop, table, row and time, so it opens nowhere else', async () => {
    const key = await deriveShopKey('yamamoto-1972', 'shop-1', ROUNDS);
    const at = { shopId: 'shop-1', table: 'customers', row: 'c-hanako', hlc: '001767225600000-0000-eeeeeeeeeeeeeeee' };
    const sealed = await sealChange(key, '{"set":{"name":"田中 花子"}}', at);
    expect(isUnboundPayload(sealed)).toBe(false);
    expect(await openChange(key, sealed, at)).toBe('{"set":{"name":"田中 花子"}}');
    for (const elsewhere of [
      { ...at, row: 'c-john' },
      { ...at, table: 'staff' },
      { ...at, hlc: '001767225600001-0000-eeeeeeeeeeeeeeee' },
      { ...at, shopId: 'shop-2' },
    ]) {
      await expect(openChange(key, sealed, elsewhere)).rejects.toBeInstanceOf(WrongPassphraseError);
    }
    // Nor does stripping the version prefix turn it into an unbound payload that opens anywhere.
    await expect(openChange(key, sealed.slice(2), { ...at, row: 'c-john' })).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it('still opens a payload sealed before payloads were bound to their rows', async () => {
    const key = await deriveShopKey('yamamoto-1972', 'shop-1', ROUNDS);
    const legacy = await encryptText(key, '{"set":{"about":"Likes Arita ware"}}');
    expect(isUnboundPayload(legacy)).toBe(true);
    const at = { shopId: 'shop-1', table: 'customers', row: 'c1', hlc: '001767225600000-0000-eeeeeeeeeeeeeeee' };
    expect(await openChange(key, legacy, at)).toBe('{"set":{"about":"Likes Arita ware"}}');
  });
});
