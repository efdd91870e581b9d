/**
 * Photos an earlier version sent as `{}`. Before binary values were encoded for transport, a
 * photo's Blob went on the wire as an empty object: the other devices of the shop hold `{}` where
 * the photo should be, under the same timestamp as the real photo here, so nothing would ever send
 * it again. Once per device, the photos this device took (the ones whose bytes left from here) are
 * stamped again and queued: the newer stamp wins everywhere and the real bytes arrive. A device
 * that starts sync with this version has nothing to repair (see startCapturing).
 */
import { isBlob } from '../../lib/is-blob';
import { parseHlc, tick } from '../../lib/sync/hlc';
import { changeId, type Change, type Clocks, type Row } from '../../lib/sync/merge';
import type { DaifukuDB } from '../schema';
import { CLOCK_KEY, markApplyingRemote, type ClockState } from './capture';
import { readClockState } from './state';
import { clockIdOf, clocksOfRow, shapeOf } from './tables';
import type { FieldClockRow } from '../../model/types';
import { outboxRows } from './outbox-rows';

export const PHOTOS_RESENT_KEY = 'photoBytesResent';
const CHUNK = 100;

/** Sends this device's own photos once more, if it has not since updating. Returns how many. */
export async function resendOwnPhotosOnce(db: DaifukuDB): Promise<number> {
  if (await db.syncState.get(PHOTOS_RESENT_KEY)) return 0;
  let after: string | undefined;
  let queued = 0;
  for (;;) {
    const done = await db.transaction('rw', [db.photos, db.fieldClocks, db.outbox, db.syncState], async (tx) => {
      markApplyingRemote(tx.idbtrans);
      const clock = await readClockState(db);
      if (!clock?.capturing) return true;
      const query = after === undefined ? db.photos.toCollection() : db.photos.where(':id').above(after);
      const photos = await query.limit(CHUNK).toArray();
      if (photos.length === 0) {
        await db.syncState.put({ key: PHOTOS_RESENT_KEY, value: true });
        return true;
      }
      after = photos[photos.length - 1]!.id;
      const clockRows = await db.fieldClocks.bulkGet(photos.map((p) => clockIdOf('photos', p.id)));
      const shape = shapeOf(db.core.schema.tables.find((t) => t.name === 'photos')!);
      const outbox: Change[] = [];
      const clocks: FieldClockRow[] = [];
      photos.forEach((photo, i) => {
        const held: Clocks = clocksOfRow(photo as unknown as Row, clockRows[i]?.clocks, shape) ?? {};
        // A deleted photo stays deleted (a newer field would bring it back); one taken elsewhere is
        // that device's to send.
        if (!isBlob(photo.blob) || photo.deletedAt !== undefined || !held.blob) return;
        if (parseHlc(held.blob).node !== clock.node) return;
        const hlc = (clock.hlc = tick(clock.hlc, clock.node, Date.now()));
        outbox.push({ id: changeId(hlc, 'photos', photo.id), table: 'photos', row: photo.id, hlc, set: { blob: photo.blob } });
        clocks.push({ id: clockIdOf('photos', photo.id), clocks: { ...held, blob: hlc } });
      });
      if (outbox.length) {
        await db.outbox.bulkAdd(outboxRows(outbox));
        await db.fieldClocks.bulkPut(clocks);
        await db.syncState.put({ ...clock, key: CLOCK_KEY } satisfies ClockState);
        queued += outbox.length;
      }
      return false;
    });
    if (done) return queued;
  }
}
