import type { Completeness, DeviceCompleteness } from '../../shared/console/reports-home';
import type { ReportDb } from './report-db';

/** A device reports its health every minute; a report older than this no longer says it is online. */
export const FRESH_REPORT_MS = 150_000;

export interface DeviceState extends DeviceCompleteness {
  branchId: string;
  breaker: string | null;
  rejectedCount: number;
  lastReportAt: string | null;
}

/**
 * The tablets whose sales the branch's figures wait for: paired and not revoked. Legacy-API keys
 * and the console's manual sales are pseudo-devices with nothing to deliver (server-side writes).
 */
export async function deviceStates(db: ReportDb, branchIds: readonly string[], now: Date): Promise<DeviceState[]> {
  if (branchIds.length === 0) return [];
  const rows = await db
    .selectFrom('devices')
    .leftJoin('device_status', 'device_status.device_id', 'devices.id')
    .select([
      'devices.id',
      'devices.branch_id',
      'devices.name',
      'devices.created_at',
      'device_status.online',
      'device_status.breaker',
      'device_status.pending_count',
      'device_status.pending_value_cents',
      'device_status.rejected_count',
      'device_status.last_sync_at',
      'device_status.report',
      'device_status.received_at',
    ])
    .where('devices.branch_id', 'in', [...branchIds])
    .where('devices.revoked_at', 'is', null)
    .where('devices.token_hash', 'not like', 'legacy-key:%')
    .orderBy('devices.branch_id')
    .orderBy('devices.number')
    .execute();
  return rows.map((r) => {
    const base = {
      deviceId: r.id,
      deviceName: r.name,
      branchId: r.branch_id,
      breaker: r.breaker,
      rejectedCount: Number(r.rejected_count ?? 0),
      lastReportAt: r.received_at,
      pendingCount: Number(r.pending_count ?? 0),
      pendingValueCents: Number(r.pending_value_cents ?? 0),
    };
    if (!r.received_at) {
      // It cannot have sold before it was paired, and has not said anything since.
      return { ...base, online: false, deliveredThrough: r.created_at };
    }
    const fresh = now.getTime() - Date.parse(r.received_at) <= FRESH_REPORT_MS;
    const online = fresh && Number(r.online) === 1;
    if (base.pendingCount === 0)
      return { ...base, online, deliveredThrough: online ? now.toISOString() : r.received_at };
    // It holds unsent sales: complete only up to the oldest of them, when the report says, or its last exchange.
    const report = JSON.parse(r.report ?? '{}') as { oldestPendingAt?: unknown };
    const oldest =
      typeof report.oldestPendingAt === 'string' ? report.oldestPendingAt : (r.last_sync_at ?? r.received_at);
    const through = Date.parse(oldest) < Date.parse(r.received_at) ? new Date(oldest).toISOString() : r.received_at;
    return { ...base, online, deliveredThrough: through };
  });
}

/** "Complete through": the earliest instant up to which every device of the branch has delivered. */
export function branchCompleteness(devices: readonly DeviceState[], now: Date): Completeness {
  const nowIso = now.toISOString();
  const lagging = devices
    .filter((d) => d.deliveredThrough !== null && d.deliveredThrough < nowIso)
    .sort((a, b) => a.deliveredThrough!.localeCompare(b.deliveredThrough!));
  return {
    completeThrough: lagging[0]?.deliveredThrough ?? nowIso,
    laggingDevices: lagging.map((d) => ({
      deviceId: d.deviceId,
      deviceName: d.deviceName,
      deliveredThrough: d.deliveredThrough,
      pendingCount: d.pendingCount,
      pendingValueCents: d.pendingValueCents,
      online: d.online,
    })),
  };
}
