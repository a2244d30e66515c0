import type { z } from 'zod';
import type { DeviceHealth } from '../../shared/console/device-health';
import type { unsyncedReportSchema } from '../../shared/console/fleet';
import { deviceStatusReportSchema, type DeviceStatusReport } from '../../shared/protocol';
import type { Db } from '../db/database';
import { ApiError } from '../http/api-error';
import { currentSequence } from '../ledger/server-sequence';
import type { ChangeBus } from '../live/change-bus';

export type UnsyncedReport = z.infer<typeof unsyncedReportSchema>;

/** Every device of the given branches ('all' for every branch), by branch and number, with its last report. */
export async function listDevices(
  db: Db,
  scope: { branchIds: string[] | 'all'; offset?: number; limit?: number },
): Promise<{ devices: DeviceHealth[]; nextOffset: number | null }> {
  if (scope.branchIds !== 'all' && scope.branchIds.length === 0) return { devices: [], nextOffset: null };
  const limit = scope.limit ?? 1_000_000;
  const offset = scope.offset ?? 0;
  let q = db
    .selectFrom('devices')
    .innerJoin('branches', 'branches.id', 'devices.branch_id')
    .leftJoin('device_status', 'device_status.device_id', 'devices.id')
    .select([
      'devices.id',
      'devices.branch_id',
      'branches.name as branch_name',
      'devices.number',
      'devices.name',
      'devices.created_at',
      'devices.revoked_at',
      'devices.last_seen_at',
      'device_status.report',
      'device_status.received_at',
    ])
    .orderBy('devices.branch_id')
    .orderBy('devices.number')
    .limit(limit + 1)
    .offset(offset);
  if (scope.branchIds !== 'all') q = q.where('devices.branch_id', 'in', scope.branchIds);
  const rows = await q.execute();
  const devices = rows.slice(0, limit).map((r): DeviceHealth => {
    let status: DeviceHealth['status'] = null;
    if (r.report && r.received_at) {
      const parsed = deviceStatusReportSchema.safeParse(JSON.parse(r.report));
      if (parsed.success) status = { ...parsed.data, receivedAt: r.received_at };
    }
    return {
      id: r.id,
      branchId: r.branch_id,
      branchName: r.branch_name,
      number: Number(r.number),
      name: r.name,
      pairedAt: r.created_at,
      revokedAt: r.revoked_at,
      lastSeenAt: r.last_seen_at,
      status,
    };
  });
  return { devices, nextOffset: rows.length > limit ? offset + limit : null };
}

export async function deviceBranch(db: Db, deviceId: string): Promise<string> {
  const row = await db.selectFrom('devices').select('branch_id').where('id', '=', deviceId).executeTakeFirst();
  if (!row)
    throw new ApiError(
      'NOT_FOUND',
      `There is no device ${deviceId}; list them with GET /api/console/devices or npm run ecomarket -- devices.`,
    );
  return row.branch_id;
}

/** What the device's last report says it still holds; null before its first report. */
async function lastReportedUnsynced(db: Db, deviceId: string): Promise<UnsyncedReport | null> {
  const row = await db
    .selectFrom('device_status')
    .select(['pending_count', 'pending_value_cents', 'report', 'received_at'])
    .where('device_id', '=', deviceId)
    .executeTakeFirst();
  if (!row) return null;
  const parsed = deviceStatusReportSchema.safeParse(JSON.parse(row.report));
  return {
    count: Number(row.pending_count),
    valueCents: Number(row.pending_value_cents),
    oldestAt: parsed.success ? (parsed.data.oldestPendingAt ?? null) : null,
    reportedAt: row.received_at,
  };
}

/**
 * Unpairs a device for good: its token gets 401 from now on. Revoking twice keeps the first time.
 * The answer names what the device last reported it has not delivered: those sales stay on the
 * tablet and no longer reach the server.
 */
export async function revokeDevice(
  db: Db,
  deviceId: string,
  now = new Date(),
): Promise<{ revokedAt: string; alreadyRevoked: boolean; unsynced: UnsyncedReport | null }> {
  await deviceBranch(db, deviceId);
  const unsynced = await lastReportedUnsynced(db, deviceId);
  const updated = await db
    .updateTable('devices')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', deviceId)
    .where('revoked_at', 'is', null)
    .returning('revoked_at')
    .executeTakeFirst();
  if (updated?.revoked_at) return { revokedAt: updated.revoked_at, alreadyRevoked: false, unsynced };
  const row = await db.selectFrom('devices').select('revoked_at').where('id', '=', deviceId).executeTakeFirstOrThrow();
  return { revokedAt: row.revoked_at ?? now.toISOString(), alreadyRevoked: true, unsynced };
}

/** A new display name for a device (the console and receipts' device lists show it). */
export async function renameDevice(db: Db, deviceId: string, name: string): Promise<void> {
  await deviceBranch(db, deviceId);
  await db.updateTable('devices').set({ name }).where('id', '=', deviceId).execute();
}

/** Keeps only the latest report per device, stamped with the server's receive time. */
export async function saveDeviceStatus(
  db: Db,
  deviceId: string,
  report: DeviceStatusReport,
  now = new Date(),
): Promise<string> {
  const receivedAt = now.toISOString();
  const row = {
    app_version: report.appVersion,
    online: report.online ? 1 : 0,
    breaker: report.breaker,
    pending_count: report.pendingCount,
    pending_value_cents: report.pendingValueCents,
    rejected_count: report.rejectedCount,
    last_sync_at: report.lastSyncAt,
    report: JSON.stringify(report),
    received_at: receivedAt,
  };
  await db
    .insertInto('device_status')
    .values({ device_id: deviceId, ...row })
    .onConflict((oc) => oc.column('device_id').doUpdateSet(row))
    .execute();
  return receivedAt;
}

/**
 * Tells the consoles that a device of the branch changed (status report, rename, revocation), so
 * the fleet board updates live. No sequence is taken: the event carries the current one. Tablets'
 * streams ignore the 'devices' collection.
 */
export async function publishDeviceChange(db: Db, bus: ChangeBus | undefined, branchId: string): Promise<void> {
  if (!bus) return;
  bus.publish({ seq: await currentSequence(db), collections: ['devices'], locationIds: [], branchIds: [branchId] });
}
