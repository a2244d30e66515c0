import { describe, expect, it } from 'vitest';
import type { DeviceHealth } from '../../../shared/console/device-health';
import { attentionReasons, byAttention } from './device-attention';

const now = Date.parse('2026-11-28T12:00:00Z');
const minutesAgo = (m: number) => new Date(now - m * 60_000).toISOString();

function device(over: Partial<DeviceHealth> & { name: string }, status: Partial<DeviceHealth['status']> = {}) {
  return {
    id: over.name,
    branchId: 'b1',
    branchName: 'Centro',
    number: 1,
    pairedAt: minutesAgo(1000),
    revokedAt: null,
    lastSeenAt: minutesAgo(1),
    status:
      status === null
        ? null
        : {
            appVersion: '1.0.0',
            online: true,
            breaker: 'closed',
            pendingCount: 0,
            pendingValueCents: 0,
            rejectedCount: 0,
            lastSyncAt: minutesAgo(1),
            storage: { usageBytes: 1, quotaBytes: 10, persisted: true },
            receivedAt: minutesAgo(1),
            ...status,
          },
    ...over,
  } as DeviceHealth;
}

describe('fleet attention', () => {
  it('alerts when unsynced sales sit longer than the setting, measured on the server clock', () => {
    const d = device({ name: 'a', lastSeenAt: minutesAgo(20) }, { pendingCount: 2, receivedAt: minutesAgo(20) });
    expect(attentionReasons(d, now, 15)).toContain('unsyncedTooLong');
    expect(attentionReasons(d, now, 30)).not.toContain('unsyncedTooLong');
    // A device clock days behind changes nothing: lastSyncAt is display only.
    const skewed = device({ name: 'b' }, { pendingCount: 2, lastSyncAt: minutesAgo(5000) });
    expect(attentionReasons(skewed, now, 15)).toEqual([]);
  });

  it('puts the devices needing attention first and revoked ones last', () => {
    const healthy = device({ name: 'healthy', number: 1 });
    const stuck = device(
      { name: 'stuck', number: 2, lastSeenAt: minutesAgo(60) },
      {
        pendingCount: 3,
        receivedAt: minutesAgo(60),
      },
    );
    const offline = device({ name: 'offline', number: 3 }, { online: false });
    const revoked = device({ name: 'revoked', number: 0, revokedAt: minutesAgo(5) }, { pendingCount: 9 });
    const order = byAttention([revoked, healthy, offline, stuck], now, 15).map((r) => r.device.name);
    expect(order).toEqual(['stuck', 'offline', 'healthy', 'revoked']);
  });
});
