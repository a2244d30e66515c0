import type { OfflinePeriod } from '../../shared/console/reports-stock';
import { LINK_STALE_MS } from './device-links';
import type { ReportDb } from './report-db';

/**
 * Longer than the POS ever waits between two attempts at its live stream (15 s at most, SPEC S6):
 * a device that could reach the server never leaves a gap this long between its links.
 */
export const OFFLINE_MIN_MS = 30_000;

interface Link {
  device_id: string;
  connected_at: string;
  alive_at: string;
  ended_at: string | null;
}

/**
 * When the branch's tablets were offline between `from` and `to`, from what the server itself
 * saw (device_links; never the devices' clocks, invariant 5). The rule: a paired tablet with the
 * POS open holds its live stream and reports its status every minute, so it was reachable from
 * each link's connection until the server saw the link end, or, when it stopped hearing from the
 * device more than LINK_STALE_MS before that end (or before now, for a link still open), until
 * the last time it heard from it. The gaps between those times, when longer than OFFLINE_MIN_MS,
 * are offline periods. Before a device's first link it was not yet working, and after its
 * revocation it is gone: neither is an offline period. A tablet switched off counts as offline,
 * as the server cannot tell the two apart and its unsent sales, if any, wait either way.
 */
export async function offlinePeriods(
  db: ReportDb,
  branchId: string,
  from: string,
  to: string,
  now = new Date(),
): Promise<OfflinePeriod[]> {
  const staleBefore = new Date(Date.parse(from) - LINK_STALE_MS).toISOString();
  const devices = await db
    .selectFrom('devices')
    .select(['id', 'name', 'revoked_at'])
    .where('branch_id', '=', branchId)
    .execute();
  if (devices.length === 0) return [];
  const links = await db
    .selectFrom('device_links')
    .select(['device_id', 'connected_at', 'alive_at', 'ended_at'])
    .where('branch_id', '=', branchId)
    .where('alive_at', '>=', staleBefore)
    .where('connected_at', '<=', to)
    .orderBy('connected_at')
    .execute();
  const earlier = await db
    .selectFrom('device_links')
    .select((eb) => ['device_id', eb.fn.max('alive_at').as('last')])
    .where('branch_id', '=', branchId)
    .where('connected_at', '<', from)
    .groupBy('device_id')
    .execute();
  const lastBefore = new Map(earlier.map((e) => [e.device_id, String(e.last)]));
  const out: OfflinePeriod[] = [];
  for (const d of devices) {
    const own = links.filter((l) => l.device_id === d.id);
    const end = Math.min(Date.parse(to), now.getTime(), d.revoked_at ? Date.parse(d.revoked_at) : Infinity);
    for (const [a, b] of gaps(own, lastBefore.get(d.id), end, now.getTime())) {
      if (b <= Date.parse(from)) continue;
      out.push({
        deviceId: d.id,
        deviceName: d.name,
        from: new Date(Math.max(a, Date.parse(from))).toISOString(),
        to: new Date(b).toISOString(),
        ongoing: b >= now.getTime() && !d.revoked_at,
      });
    }
  }
  return out.sort((x, y) => x.from.localeCompare(y.from) || x.deviceName.localeCompare(y.deviceName));
}

/** The gaps of at least OFFLINE_MIN_MS between a device's links (oldest first), up to `end`. */
export function gaps(
  links: readonly Link[],
  lastBefore: string | undefined,
  end: number,
  now: number,
): [number, number][] {
  const out: [number, number][] = [];
  // Where the device was last known reachable; undefined until its first link.
  let reachedUntil = lastBefore === undefined ? undefined : Date.parse(lastBefore);
  for (const l of links) {
    const start = Date.parse(l.connected_at);
    const alive = Date.parse(l.alive_at);
    const closed = l.ended_at ? Date.parse(l.ended_at) : now;
    const stop = closed - alive > LINK_STALE_MS ? alive : closed;
    if (start > end) break;
    if (reachedUntil !== undefined && start - reachedUntil >= OFFLINE_MIN_MS) out.push([reachedUntil, start]);
    reachedUntil = Math.max(reachedUntil ?? stop, stop);
  }
  if (reachedUntil !== undefined && end - reachedUntil >= OFFLINE_MIN_MS) out.push([reachedUntil, end]);
  return out;
}
