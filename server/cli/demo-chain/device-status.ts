import type { Db } from '../../db/database';
import { saveDeviceStatus } from '../../devices/device-admin';
import { iso, type Till } from './demo-setup';

/** The tablets' last health reports: all online and delivered, except one that holds sales offline. */
export async function reportTills(db: Db, tills: ReadonlyMap<string, Till[]>, now: Date): Promise<void> {
  for (const [branchId, own] of tills) {
    for (const till of own) {
      const holding = branchId === 'sucursal-004' && till.name === 'Caja 2';
      await saveDeviceStatus(
        db,
        till.device.deviceId,
        {
          appVersion: 'demo',
          online: !holding,
          breaker: holding ? 'open' : 'closed',
          pendingCount: holding ? 4 : 0,
          pendingValueCents: holding ? 23_450 : 0,
          rejectedCount: 0,
          lastSyncAt: iso(now.getTime() - (holding ? 40 * 60_000 : 30_000)),
          storage: { usageBytes: 52_000_000, quotaBytes: 2_000_000_000, persisted: true },
        },
        now,
      );
    }
  }
}
