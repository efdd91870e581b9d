/**
 * A shop's day beyond the cards, written through the app's own data functions: a buy-in with a
 * photographed item (appraisal, 古物台帳 record, photo, timeline rows), a reminder and a caution.
 */
import { createCustomer } from '../../src/db/customers/customers';
import { addReminder } from '../../src/db/follow-ups/follow-ups';
import { recordAppraisal, savePhoto } from '../../src/db/ledger/ledger';
import { setCaution } from '../../src/db/relationships/relationships';
import type { WriteContext } from '../../src/db/write-context';
import { customerInput } from './factories';

/** Bytes that stand for a JPEG (never decoded in these tests), different for each seed. */
export function photoBytes(size: number, seed = 1): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  bytes.set([0xff, 0xd8, 0xff]);
  return bytes;
}

export interface BuyIn {
  customerId: string;
  photoId: string;
  appraisalId: string;
  ledgerEntryId: string;
  followUpId: string;
}

/** A customer sells a game with its photo taken; a reminder and a caution go on their card. */
export async function buyInWithPhoto(owner: WriteContext & { staffId: string }, photoSize = 4096, name = '田中 花子'): Promise<BuyIn> {
  const customerId = await createCustomer(customerInput({ name }), undefined, owner);
  const photoId = await savePhoto(
    { blob: new Blob([photoBytes(photoSize, name.length)], { type: 'image/jpeg' }), width: 1280, height: 853 },
    owner,
  );
  const { appraisalId, ledgerEntryId } = await recordAppraisal(
    {
      customerId,
      items: [
        {
          category: 'game-software',
          description: 'Mario Kart 8 Deluxe',
          features: 'Switch cartridge, serial HAC-P-AABPA-JPN-0042',
          quantity: 1,
          price: 2_500,
          accepted: true,
          photoId,
        },
      ],
      record: {
        counterparty: { name, address: '京都市中京区三条通 1-2-3', occupation: '会社員', age: 42 },
        idCheck: { method: 'id-document', document: 'drivers-licence', detail: '', checkedBy: owner.staffId },
      },
    },
    owner,
  );
  const followUpId = await addReminder(customerId, 'Call when the Arita vase comes in', Date.now() + 86_400_000, owner);
  await setCaution(customerId, '値引きの交渉が強い', owner);
  return { customerId, photoId, appraisalId, ledgerEntryId: ledgerEntryId!, followUpId };
}
