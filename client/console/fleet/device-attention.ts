import type { DeviceHealth } from '../../../shared/console/device-health';

export type AttentionReason =
  'neverReported' | 'unsyncedTooLong' | 'rejected' | 'breakerOpen' | 'offline' | 'storageNotPersistent';

/** Default of the alert "not synced for longer than N minutes while holding unsynced sales". */
export const DEFAULT_SYNC_ALERT_MINUTES = 15;

/**
 * Why a device needs a manager's look, most serious first. The age of its last exchange is
 * measured on the server's clock (the report's receivedAt, last seen), never the device's.
 */
export function attentionReasons(d: DeviceHealth, now: number, alertMinutes: number): AttentionReason[] {
  if (d.revokedAt) return [];
  const s = d.status;
  if (!s) return ['neverReported'];
  const reasons: AttentionReason[] = [];
  const lastHeard = Math.max(Date.parse(s.receivedAt), d.lastSeenAt ? Date.parse(d.lastSeenAt) : 0);
  if (s.pendingCount > 0 && now - lastHeard > alertMinutes * 60_000) reasons.push('unsyncedTooLong');
  if (s.rejectedCount > 0) reasons.push('rejected');
  if (s.breaker !== 'closed') reasons.push('breakerOpen');
  if (!s.online) reasons.push('offline');
  if (s.storage.persisted === false) reasons.push('storageNotPersistent');
  return reasons;
}

const weight: Record<AttentionReason, number> = {
  unsyncedTooLong: 100,
  rejected: 50,
  breakerOpen: 20,
  neverReported: 10,
  offline: 5,
  storageNotPersistent: 2,
};

/** Devices needing attention first (the most serious on top), then by branch and number; revoked last. */
export function byAttention(devices: DeviceHealth[], now: number, alertMinutes: number) {
  const scored = devices.map((d) => {
    const reasons = attentionReasons(d, now, alertMinutes);
    return { device: d, reasons, score: reasons.reduce((s, r) => s + weight[r], 0) };
  });
  return scored.sort(
    (a, b) =>
      Number(!!a.device.revokedAt) - Number(!!b.device.revokedAt) ||
      b.score - a.score ||
      a.device.branchName.localeCompare(b.device.branchName) ||
      a.device.number - b.device.number,
  );
}
