import { v7 as uuidv7 } from 'uuid';
import type { DeviceIdentity } from '../auth/device-identity';
import type { Db } from '../db/database';
import { reportDb, type ReportDb } from './report-db';

/** An open link's alive_at is written this often: a server that died leaves its links stale, never open forever. */
export const LINK_ALIVE_EVERY_MS = 60_000;
/** A link not marked alive for this long ended when it was last marked (its server stopped without closing it). */
export const LINK_STALE_MS = 3 * LINK_ALIVE_EVERY_MS;

/**
 * Records a device's live stream (SPEC S6) as a link: connected, still alive, ended. A POS with its
 * app open holds one stream at all times and reconnects within seconds when it can, so the server's
 * own record of its streams tells when the device could reach it (reports/offline-periods.ts).
 * Writes never fail the stream: a lost write only blurs the record.
 */
export function openDeviceLink(db: Db, device: Pick<DeviceIdentity, 'deviceId' | 'branchId'>, now = () => new Date()) {
  const rdb: ReportDb = reportDb(db);
  const id = uuidv7();
  const at = now().toISOString();
  const opened = rdb
    .insertInto('device_links')
    .values({
      id,
      device_id: device.deviceId,
      branch_id: device.branchId,
      connected_at: at,
      alive_at: at,
      ended_at: null,
    })
    .execute()
    .then(
      () => true,
      () => false,
    );
  const timer = setInterval(() => {
    void opened.then((ok) =>
      ok
        ? rdb
            .updateTable('device_links')
            .set({ alive_at: now().toISOString() })
            .where('id', '=', id)
            .execute()
            .catch(() => undefined)
        : undefined,
    );
  }, LINK_ALIVE_EVERY_MS);
  timer.unref();
  let ended = false;
  return {
    /** The stream closed: the link ends now. Resolves once written (tests wait for it). */
    end(): Promise<void> {
      if (ended) return Promise.resolve();
      ended = true;
      clearInterval(timer);
      const endedAt = now().toISOString();
      return opened.then(async (ok) => {
        if (!ok) return;
        await rdb
          .updateTable('device_links')
          .set({ ended_at: endedAt, alive_at: endedAt })
          .where('id', '=', id)
          .execute()
          .catch(() => undefined);
      });
    },
  };
}
