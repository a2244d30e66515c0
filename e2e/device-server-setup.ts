import { createCashier } from '../server/catalogue/cashiers-admin';
import { patchBranchSettings } from '../server/catalogue/branches-admin';
import type { ServerDb } from './server-db';

/** Server-side set-up for the device/shift/inventory specs, written straight into the e2e server's database. */
export async function addCashier(serverDb: ServerDb, name: string, pin: string, branchId = 'sucursal-001'): Promise<string> {
  return (await createCashier(serverDb.db, branchId, { name, pin, role: 'cashier' })).cashier.id;
}

export async function setIdleLock(serverDb: ServerDb, seconds: number, branchId = 'sucursal-001'): Promise<void> {
  await patchBranchSettings(serverDb.db, branchId, { idleLockSeconds: seconds });
}
