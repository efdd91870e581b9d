// @vitest-environment node
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { consentGrant, customerInput } from '../../test/support/factories';
import { fillTheDisk, freeTheDisk, quotaExceeded } from '../../test/support/full-disk';
import { createCustomer } from './customers/customers';
import { db } from './db';
import { deviceId } from './device';
import { guardWrite, InputError, StorageError, toStorageError } from './errors';

const counter = { staffId: 'staff-1' };


describe('telling the person what went wrong with storage', () => {
  it('recognises a full disk inside the AbortError Dexie wraps it in', () => {
    const error = new Dexie.AbortError('Transaction aborted', quotaExceeded());
    const storageError = toStorageError(error);
    expect(storageError).toBeInstanceOf(StorageError);
    expect(storageError.kind).toBe('quota');
    expect(storageError.cause).toBe(error);
  });

  it('recognises a full disk passed on as the cause of another error', () => {
    expect(toStorageError(new Error('save failed', { cause: quotaExceeded() })).kind).toBe('quota');
  });

  it('recognises a full disk several wrappers deep', () => {
    const error = new Error('outer', {
      cause: new Dexie.AbortError('aborted', new Dexie.QuotaExceededError()),
    });
    expect(toStorageError(error).kind).toBe('quota');
  });

  it('recognises a full disk reported directly', () => {
    expect(toStorageError(quotaExceeded()).kind).toBe('quota');
  });

  it('recognises a full disk behind one of the rows of a failed bulk write', () => {
    const error = new Dexie.BulkError('2 of 3 operations failed', {
      0: new Dexie.ConstraintError('Key already exists'),
      2: new Dexie.AbortError('aborted', quotaExceeded()),
    });
    expect(toStorageError(error).kind).toBe('quota');
  });

  it('recognises a database closed for an upgrade in another tab', () => {
    expect(toStorageError(new Dexie.DatabaseClosedError()).kind).toBe('closed');
    expect(toStorageError(new Dexie.VersionChangeError()).kind).toBe('closed');
    expect(
      toStorageError(new Dexie.AbortError('aborted', new Dexie.DatabaseClosedError())).kind,
    ).toBe('closed');
  });

  it('calls anything else unknown, keeping the original as the cause', () => {
    const error = new Dexie.ConstraintError('Key already exists in the object store.');
    expect(toStorageError(error)).toMatchObject({ kind: 'unknown', cause: error });
    expect(toStorageError(new TypeError('x is undefined')).kind).toBe('unknown');
    expect(toStorageError('a string was thrown').kind).toBe('unknown');
    expect(toStorageError(undefined).kind).toBe('unknown');
  });

  it('does not loop forever on an error that is its own cause', () => {
    const error = new Error('loop') as Error & { cause?: unknown };
    error.cause = error;
    expect(toStorageError(error).kind).toBe('unknown');
  });

  it('returns a StorageError unchanged', () => {
    const error = new StorageError('quota');
    expect(toStorageError(error)).toBe(error);
  });
});

describe('guarding a write', () => {
  it('returns what the write returns', async () => {
    await expect(guardWrite(async () => 42)).resolves.toBe(42);
  });

  it('passes an InputError through untouched so the form can mark the fields', async () => {
    const input = new InputError([{ field: 'name', code: 'required' }]);
    await expect(guardWrite(() => Promise.reject(input))).rejects.toBe(input);
  });

  it('turns a storage failure into a StorageError the UI can explain', async () => {
    const attempt = guardWrite(() =>
      Promise.reject(new Dexie.AbortError('aborted', quotaExceeded())),
    );
    await expect(attempt).rejects.toBeInstanceOf(StorageError);
    await expect(attempt).rejects.toMatchObject({ kind: 'quota' });
  });

  it('catches a write that throws before returning a promise', async () => {
    const attempt = guardWrite(() => {
      throw quotaExceeded();
    });
    await expect(attempt).rejects.toMatchObject({ name: 'StorageError', kind: 'quota' });
  });
});

describe('a real save when the device is out of space', () => {
  const withFullDisk = fillTheDisk;

  afterEach(async () => {
    await freeTheDisk();
  });

  it('reports a full disk, not a generic failure, and writes neither the card nor its consent', async () => {
    await withFullDisk();
    const attempt = createCustomer(
      customerInput(),
      consentGrant({ channels: ['mail', 'line'] }),
      counter,
    );
    await expect(attempt).rejects.toBeInstanceOf(StorageError);
    await expect(attempt).rejects.toMatchObject({ kind: 'quota' });
    expect(await db.customers.count()).toBe(0);
    expect(await db.consents.count()).toBe(0);
  });

  it('lets the same card be saved once space is freed', async () => {
    await withFullDisk();
    await expect(createCustomer(customerInput(), undefined, counter)).rejects.toMatchObject({
      kind: 'quota',
    });
    await freeTheDisk();
    await expect(createCustomer(customerInput(), undefined, counter)).resolves.toBeTruthy();
    expect(await db.customers.count()).toBe(1);
  });
});

describe('a save after another tab closed the database for an upgrade', () => {
  afterEach(async () => {
    if (!db.isOpen()) await db.open();
  });

  it('is reported as closed', async () => {
    await deviceId();
    db.close();
    await expect(createCustomer(customerInput(), undefined, counter)).rejects.toMatchObject({
      name: 'StorageError',
      kind: 'closed',
    });
  });

  it('is reported as closed even when it is this tab’s first write', async () => {
    db.close();
    await expect(createCustomer(customerInput(), undefined, counter)).rejects.toMatchObject({
      name: 'StorageError',
      kind: 'closed',
    });
  });
});
