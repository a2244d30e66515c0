import type { DeviceHealth } from '../../shared/console/device-health';
import type { FleetAttentionReason, FleetDevice, FleetResponse } from '../../shared/console/fleet';
import type { Db } from '../db/database';
import { listDevices } from '../devices/device-admin';

/** A device reports every minute and its last contact is written at most once a minute: three minutes is offline. */
const ONLINE_WINDOW_MINUTES = 3;

/** Last contact by the server's clock: the later of its last authenticated call and its last report. */
function lastContactMs(d: DeviceHealth): number | null {
  const times = [d.lastSeenAt, d.status?.receivedAt].filter((t): t is string => !!t).map(Date.parse);
  return times.length ? Math.max(...times) : null;
}

/** Why a device needs attention, most urgent first (DESIGN: offline sales must never sit unnoticed). */
function attentionOf(d: DeviceHealth, nowMs: number, alertAfterMinutes: number): FleetAttentionReason[] {
  if (d.revokedAt) return [];
  const contact = lastContactMs(d);
  const silentMinutes = contact === null ? Infinity : (nowMs - contact) / 60_000;
  const s = d.status;
  const reasons: FleetAttentionReason[] = [];
  if (s && s.pendingCount > 0 && silentMinutes > alertAfterMinutes) reasons.push('unsynced_stale');
  if (s && s.breaker !== 'closed') reasons.push('breaker_open');
  if (s && s.rejectedCount > 0) reasons.push('rejected_documents');
  if (s?.storage.persisted === false) reasons.push('storage_not_persistent');
  if (!s) reasons.push('never_reported');
  else if (silentMinutes > ONLINE_WINDOW_MINUTES) reasons.push('offline');
  return reasons;
}

function fleetDeviceOf(d: DeviceHealth, nowMs: number, alertAfterMinutes: number): FleetDevice {
  const s = d.status;
  const contact = lastContactMs(d);
  const attention = attentionOf(d, nowMs, alertAfterMinutes);
  const oldest = s?.oldestPendingAt ? Date.parse(s.oldestPendingAt) : NaN;
  return {
    ...d,
    online: !d.revokedAt && contact !== null && nowMs - contact <= ONLINE_WINDOW_MINUTES * 60_000,
    unsyncedCount: s?.pendingCount ?? 0,
    unsyncedValueCents: s?.pendingValueCents ?? 0,
    // The sale's time is the device's clock: an age for display only (invariant 5).
    oldestUnsyncedMinutes:
      s && s.pendingCount > 0 && Number.isFinite(oldest) ? Math.max(0, Math.floor((nowMs - oldest) / 60_000)) : null,
    breaker: s?.breaker ?? null,
    lastSyncAt: s?.lastSyncAt ?? null,
    persistentStorage: s?.storage.persisted ?? null,
    catalogueSeq: s?.catalogueSeq ?? null,
    alert: attention.includes('unsynced_stale'),
    attention,
  };
}

/** 0 alert, 1 other attention, 2 fine, 3 revoked; then the most unsynced value first, then branch and number. */
function rank(d: FleetDevice): number {
  if (d.revokedAt) return 3;
  if (d.alert) return 0;
  return d.attention.length ? 1 : 2;
}

/**
 * The fleet board: devices of the manager's branches with their health, those needing attention
 * first, paginated. A chain has tens to hundreds of tablets: the devices of the scope are read with
 * the branch filter in SQL (devices_branch_number index) and ranked here.
 */
export async function fleetBoard(
  db: Db,
  q: { branchIds: string[] | 'all'; attention?: boolean; includeRevoked?: boolean; offset: number; limit: number },
  alertAfterMinutes: number,
  now = new Date(),
): Promise<FleetResponse> {
  const { devices } = await listDevices(db, { branchIds: q.branchIds });
  const nowMs = now.getTime();
  let board = devices
    .filter((d) => q.includeRevoked || !d.revokedAt)
    .map((d) => fleetDeviceOf(d, nowMs, alertAfterMinutes));
  const alertCount = board.filter((d) => d.alert).length;
  const attentionCount = board.filter((d) => d.attention.length > 0).length;
  if (q.attention) board = board.filter((d) => d.attention.length > 0);
  board.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      b.unsyncedValueCents - a.unsyncedValueCents ||
      a.branchId.localeCompare(b.branchId) ||
      a.number - b.number,
  );
  const page = board.slice(q.offset, q.offset + q.limit);
  return {
    devices: page,
    alertCount,
    attentionCount,
    alertAfterMinutes,
    nextOffset: q.offset + q.limit < board.length ? q.offset + q.limit : null,
  };
}
