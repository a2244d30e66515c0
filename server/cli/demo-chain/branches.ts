import { issuePairingCode, pairDevice } from '../../auth/pairing';
import { createBranch, patchBranchSettings } from '../../catalogue/branches-admin';
import { createCashier } from '../../catalogue/cashiers-admin';
import type { Db } from '../../db/database';
import { BRANCHES, TIME_ZONE, type Dice, type Till } from './demo-setup';

/** The five branches, in Mexico City time, made as the console makes them (or moved to that time zone). */
export async function ensureBranches(db: Db): Promise<void> {
  for (const b of BRANCHES) {
    const exists = await db.selectFrom('branches').select('id').where('id', '=', b.id).executeTakeFirst();
    if (!exists)
      await createBranch(db, { id: b.id, name: b.name, receiptPrefix: b.prefix, currency: 'USD', timeZone: TIME_ZONE });
    else await patchBranchSettings(db, b.id, { timeZone: TIME_ZONE });
  }
}

/** Two tablets per branch, each paired with a code, and two cashiers for each tablet (morning and afternoon). */
export async function pairTills(db: Db, dice: Dice): Promise<Map<string, Till[]>> {
  const tills = new Map<string, Till[]>();
  for (const b of BRANCHES) {
    const own: Till[] = [];
    for (let n = 1; n <= 2; n++) {
      const { code } = await issuePairingCode(db, b.id, 15);
      const paired = await pairDevice(db, code, `Caja ${n}`);
      const cashiers = [];
      for (const name of n === 1 ? ['María', 'José'] : ['Lucía', 'Carlos']) {
        const { cashier } = await createCashier(db, b.id, {
          name: `${name} (${b.prefix})`,
          role: 'cashier',
          pin: String(1000 + Math.floor(dice.rnd() * 9000)),
        });
        cashiers.push({ id: cashier.id, name: cashier.name });
      }
      own.push({
        device: {
          deviceId: paired.deviceId,
          deviceNumber: paired.deviceNumber,
          branchId: b.id,
          locationId: paired.branch.locationId,
          receiptPrefix: paired.branch.receiptPrefix,
        },
        name: `Caja ${n}`,
        cashiers,
        seq: 0,
      });
    }
    tills.set(b.id, own);
  }
  return tills;
}
