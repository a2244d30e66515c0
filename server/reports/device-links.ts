import type { DeviceIdentity } from '../auth/device-identity';
import { BatchedWriter } from '../db/batched-writer';
import type { Db } from '../db/database';
import { uuidv7 } from '../db/uuid-v7';
import { reportDb, type ReportDb } from './report-db';

/**
 * The POS reports its status every minute while it has the network (client/sync/
 * device-status-reporter.ts): a link that heard nothing from its device for this long lost it,
 * whatever the socket says (a tablet that leaves the Wi-Fi never closes its TCP connection).
 */
export const LINK_STALE_MS = 90_000;

/** How long link writes wait to share one transaction (on SQLite one fsync) with the others of the moment. */
export const LINK_WRITE_WINDOW_MS = 50;

type LinkWrite = (db: ReportDb) => Promise<unknown>;

/**
 * Link writes of one database, written together (BatchedWriter): every write queued within
 * LINK_WRITE_WINDOW_MS goes in one transaction. On SQLite a write of its own is a commit and an
 * fsync on the event loop's thread, and 500 tablets reconnecting within a second made 500 of them,
 * during which the server accepted no connection (docs/benchmarks.md, issue 14). A batch that fails
 * is written again write by write, so one bad write fails alone. Resolves true once written and
 * committed, false when the write failed.
 */
type LinkWriter = (write: LinkWrite) => Promise<boolean>;

const writers = new WeakMap<Db, LinkWriter>();

function linkWriter(db: Db): LinkWriter {
  let writer = writers.get(db);
  if (!writer) {
    const rdb = reportDb(db);
    const batches = new BatchedWriter<ReportDb, LinkWrite>({
      windowMs: LINK_WRITE_WINDOW_MS,
      transaction: (work) => rdb.transaction().execute(work),
      write: (trx, write) => write(trx),
    });
    writer = (write) =>
      batches.write(write).then(
        () => true,
        () => false,
      );
    writers.set(db, writer);
  }
  return writer;
}

/**
 * Records a device's live stream (SPEC S6) as a link: when it connected, when the server last
 * heard from the device meanwhile (touchDeviceLinks), and when the server saw it end. The record
 * the console's offline periods are read from (reports/offline-periods.ts). Writes never fail the
 * stream: a lost write only blurs the record. Written a few milliseconds late, with the other
 * links' writes of the moment (LinkWriter).
 */
export function openDeviceLink(db: Db, device: Pick<DeviceIdentity, 'deviceId' | 'branchId'>, now = () => new Date()) {
  const id = uuidv7();
  const at = now().toISOString();
  const writer = linkWriter(db);
  const opened = writer((rdb) =>
    rdb
      .insertInto('device_links')
      .values({
        id,
        device_id: device.deviceId,
        branch_id: device.branchId,
        connected_at: at,
        alive_at: at,
        ended_at: null,
      })
      .execute(),
  );
  let ended: Promise<void> | null = null;
  return {
    /** The stream closed: its link (and any continuation touchDeviceLinks started) ends now. Resolves once written. */
    end(): Promise<void> {
      const endedAt = now().toISOString();
      ended ??= opened.then(async (ok) => {
        if (!ok) return;
        await writer((rdb) => endLinkQuery(rdb, device.deviceId, id, endedAt).execute());
      });
      return ended;
    },
  };
}

/**
 * The device was heard from (a status report): its open links are alive now. A link that had not
 * heard from it for longer than LINK_STALE_MS is ended at the last time it did, and the same
 * stream goes on as a new link from now: the silence in between is an offline period, even when
 * the socket never closed.
 */
export async function touchDeviceLinks(db: Db, deviceId: string, now = new Date()): Promise<void> {
  const rdb = reportDb(db);
  const at = now.toISOString();
  const silent = await silentLinksQuery(rdb, deviceId, new Date(now.getTime() - LINK_STALE_MS)).execute();
  for (const l of silent) {
    await rdb.updateTable('device_links').set({ ended_at: l.alive_at }).where('id', '=', l.id).execute();
    await rdb
      .insertInto('device_links')
      .values({ ...l, id: `${l.id.split('.')[0]}.${uuidv7()}`, connected_at: at, alive_at: at, ended_at: null })
      .execute();
  }
  await rdb
    .updateTable('device_links')
    .set({ alive_at: at })
    .where('device_id', '=', deviceId)
    .where('ended_at', 'is', null)
    .execute();
}

/** A stream's link and its continuations, ended; through the index of open links (device_links_open). */
export function endLinkQuery(rdb: ReportDb, deviceId: string, linkId: string, endedAt: string) {
  return rdb
    .updateTable('device_links')
    .set({ ended_at: endedAt })
    .where('device_id', '=', deviceId)
    .where('ended_at', 'is', null)
    .where((eb) => eb.or([eb('id', '=', linkId), eb('id', 'like', `${linkId}.%`)]));
}

/** A device's open links not heard from since `before`; through the index of open links (device_links_open). */
export function silentLinksQuery(rdb: ReportDb, deviceId: string, before: Date) {
  return rdb
    .selectFrom('device_links')
    .selectAll()
    .where('device_id', '=', deviceId)
    .where('ended_at', 'is', null)
    .where('alive_at', '<', before.toISOString());
}
