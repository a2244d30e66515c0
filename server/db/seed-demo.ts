import { v7 as uuidv7 } from 'uuid';
import type { Db } from './database';
import { SequenceAllocator } from '../ledger/server-sequence';
import { applyMovement } from '../ledger/stock-movements';

export const CENTRE_LOCATION_ID = 'central';
export const DEMO_BRANCH_ID = 'sucursal-001';

/** The seed prototype's catalogue: central stock from CentralAPI, branch stock from Sucursal1. */
const SEED_PRODUCTS = [
  {
    legacyId: 1,
    sku: 'ECO-0001',
    barcode: '7501000000017',
    name: 'Manzanas Orgánicas',
    category: 'Frutas',
    priceCents: 250,
    centre: 100,
    branch: 25,
  },
  {
    legacyId: 2,
    sku: 'ECO-0002',
    barcode: '7501000000024',
    name: 'Pan Integral',
    category: 'Panadería',
    priceCents: 180,
    centre: 50,
    branch: 15,
  },
  {
    legacyId: 3,
    sku: 'ECO-0003',
    barcode: '7501000000031',
    name: 'Leche Deslactosada',
    category: 'Lácteos',
    priceCents: 320,
    centre: 30,
    branch: 8,
  },
  {
    legacyId: 4,
    sku: 'ECO-0004',
    barcode: '7501000000048',
    name: 'Café Premium',
    category: 'Despensa',
    priceCents: 890,
    centre: 25,
    branch: 0,
  },
  {
    legacyId: 5,
    sku: 'ECO-0005',
    barcode: '7501000000055',
    name: 'Quinoa',
    category: 'Despensa',
    priceCents: 1250,
    centre: 15,
    branch: 0,
  },
];

/**
 * First start only: the central location, branch sucursal-001 and the seed's five products with
 * their opening stock, entered as movements so the ledger explains every level from the start.
 */
export async function seedDemoIfEmpty(db: Db, now = new Date().toISOString()): Promise<boolean> {
  const any = await db.selectFrom('locations').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  return db.transaction().execute(async (trx) => {
    const seq = await SequenceAllocator.lock(trx);
    // Asked again under the sequence lock: another instance starting at the same moment may have seeded.
    if (await trx.selectFrom('locations').select('id').limit(1).executeTakeFirst()) return false;
    await trx
      .insertInto('locations')
      .values([
        { id: CENTRE_LOCATION_ID, name: 'Almacén central', kind: 'centre' },
        { id: DEMO_BRANCH_ID, name: 'Sucursal 001', kind: 'branch' },
      ])
      .execute();
    await trx
      .insertInto('branches')
      .values({
        id: DEMO_BRANCH_ID,
        name: 'Sucursal 001',
        location_id: DEMO_BRANCH_ID,
        receipt_prefix: '001',
        currency: 'USD',
        created_at: now,
      })
      .execute();
    for (const p of SEED_PRODUCTS) {
      const id = uuidv7();
      const productSeq = seq.next();
      await trx
        .insertInto('products')
        .values({
          id,
          sku: p.sku,
          barcode: p.barcode,
          name: p.name,
          category: p.category,
          price_cents: p.priceCents,
          tax_rate_bp: 0,
          legacy_id: p.legacyId,
          deleted: 0,
          seq: productSeq,
          updated_at: now,
        })
        .execute();
      const opening = {
        kind: 'initial' as const,
        saleId: null,
        actor: 'system',
        reason: 'opening stock from the seed prototype',
      };
      await applyMovement(
        trx,
        { ...opening, locationId: CENTRE_LOCATION_ID, productId: id, delta: p.centre },
        seq.next(),
        now,
      );
      await applyMovement(
        trx,
        { ...opening, locationId: DEMO_BRANCH_ID, productId: id, delta: p.branch },
        seq.next(),
        now,
      );
    }
    await seq.save();
    return true;
  });
}
