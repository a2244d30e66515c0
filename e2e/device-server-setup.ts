import { createCashier } from '../server/catalogue/cashiers-admin';
import { patchBranchSettings } from '../server/catalogue/branches-admin';
import type { ServerDb } from './server-db';

/** Server-side set-up for the device/shift/inventory specs, written straight into the e2e server's database. */
export async function addCashier(
  serverDb: ServerDb,
  name: string,
  pin: string,
  branchId = 'sucursal-001',
): Promise<string> {
  return (await createCashier(serverDb.db, branchId, { name, pin, role: 'cashier' })).cashier.id;
}

export async function setIdleLock(serverDb: ServerDb, seconds: number, branchId = 'sucursal-001'): Promise<void> {
  await patchBranchSettings(serverDb.db, branchId, { idleLockSeconds: seconds });
}

/** A transfer sent from the central warehouse to the branch, as a manager would in the console. */
export async function sendTransfer(
  serverDb: ServerDb,
  lines: { sku: string; quantity: number }[],
  note = '',
): Promise<string> {
  const { createTransfer } = await import('../server/ledger/manager-movements');
  const products = await serverDb.db.selectFrom('products').select(['id', 'sku']).execute();
  const bySku = new Map(products.map((p) => [p.sku, p.id]));
  const manager = {
    id: 'e2e-manager',
    name: 'E2E',
    email: 'e2e@example.com',
    role: 'admin' as const,
    branchIds: 'all' as const,
  };
  const t = await createTransfer(serverDb.db, manager, {
    fromLocationId: 'central',
    toLocationId: 'sucursal-001',
    lines: lines.map((l) => ({ productId: bySku.get(l.sku)!, quantity: l.quantity })),
    note,
  });
  return t.id;
}

/** A reorder level on the branch's level; set before pairing so the first stock pull carries it. */
export async function setReorderLevel(
  serverDb: ServerDb,
  sku: string,
  level: number,
  locationId = 'sucursal-001',
): Promise<void> {
  const p = await serverDb.db.selectFrom('products').select('id').where('sku', '=', sku).executeTakeFirstOrThrow();
  await serverDb.db
    .updateTable('stock_levels')
    .set({ reorder_level: level })
    .where('product_id', '=', p.id)
    .where('location_id', '=', locationId)
    .execute();
}

/**
 * The e2e server's database is shared by every spec of a run: a spec that adds cashiers (which
 * lock every tablet of the branch behind a PIN) or shortens the idle lock puts things back.
 */
export async function removeCashiers(
  serverDb: ServerDb,
  ids: readonly string[],
  branchId = 'sucursal-001',
): Promise<void> {
  const { patchCashier } = await import('../server/catalogue/cashiers-admin');
  for (const id of ids) await patchCashier(serverDb.db, branchId, id, { active: false });
}
