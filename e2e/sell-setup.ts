import { branchSettings, saveBranchSettings, type BranchSettings } from '../server/catalogue/branch-settings';
import { SequenceAllocator } from '../server/ledger/server-sequence';
import type { ServerDb } from './server-db';

/** Sets a product's tax rate on the server (a new product version the devices pull). */
export async function setTaxRate(serverDb: ServerDb, sku: string, taxRateBp: number): Promise<void> {
  await serverDb.db.transaction().execute(async (trx) => {
    const seq = await SequenceAllocator.lock(trx);
    await trx
      .updateTable('products')
      .set({ tax_rate_bp: taxRateBp, seq: seq.next(), updated_at: new Date().toISOString() })
      .where('sku', '=', sku)
      .execute();
    await seq.save();
  });
}

export const BARCODE = {
  manzanas: '7501000000017',
  pan: '7501000000024',
  leche: '7501000000031',
  cafe: '7501000000048',
} as const;

/** Changes the demo branch's settings on the server (devices pull them; set before pairing). */
export async function setBranchSettings(
  serverDb: ServerDb,
  patch: Partial<Pick<BranchSettings, 'allowOversell' | 'receiptHeader' | 'receiptFooter'>>,
): Promise<void> {
  await serverDb.db.transaction().execute(async (trx) => {
    const seq = await SequenceAllocator.lock(trx);
    const current = await branchSettings(trx, 'sucursal-001');
    if (!current) throw new Error('no settings for sucursal-001');
    await saveBranchSettings(trx, { ...current, ...patch }, seq.next(), new Date().toISOString());
    await seq.save();
  });
}
