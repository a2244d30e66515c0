import type { Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { SequenceAllocator } from '../ledger/server-sequence';
import { applyMovement } from '../ledger/stock-movements';
import { loadProduct, writeProduct, type ProductChange } from '../catalogue/product-rows';
import { centsToSeedFloat } from './fastapi-validation';
import type { LegacyKeyIdentity } from './legacy-keys';
import type { LegacyAnswer } from './legacy-sales';

/** The seed's Product: integer id (our legacy_id), price as a float in currency units, stock an integer. */
export interface SeedProduct {
  id: number;
  name: string;
  price: number;
  stock: number;
}

export interface ProductInput {
  id: number;
  name: string;
  priceCents: number;
  stock: number;
}

export interface InventoryResult {
  answer: LegacyAnswer;
  /** What changed, for the change bus: null when nothing was written. */
  changed: { seq: number; products: boolean; stockAt: string | null } | null;
}

const NOT_FOUND: LegacyAnswer = { status: 404, body: { detail: 'Producto no encontrado' } };

/** GET /inventory: the catalogue's products that have a seed id, with the BRANCH's stock level. */
export async function listInventory(db: Db, key: LegacyKeyIdentity): Promise<SeedProduct[]> {
  const rows = await db
    .selectFrom('products')
    .leftJoin('stock_levels', (join) =>
      join.onRef('stock_levels.product_id', '=', 'products.id').on('stock_levels.location_id', '=', key.locationId),
    )
    .select(['products.legacy_id', 'products.name', 'products.price_cents', 'stock_levels.quantity'])
    .where('products.legacy_id', 'is not', null)
    .where('products.deleted', '=', 0)
    .orderBy('products.legacy_id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.legacy_id),
    name: r.name,
    price: centsToSeedFloat(Number(r.price_cents)),
    stock: Number(r.quantity ?? 0),
  }));
}

export async function countLegacyProducts(db: Db): Promise<number> {
  const row = await db
    .selectFrom('products')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('legacy_id', 'is not', null)
    .where('deleted', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * POST /inventory: a new product in the master catalogue (a product deleted earlier under the same
 * id comes back). Its `stock` becomes the branch's opening level through a correction movement.
 */
export async function addProduct(
  db: Db,
  key: LegacyKeyIdentity,
  p: ProductInput,
  now = new Date().toISOString(),
): Promise<InventoryResult> {
  return db.transaction().execute(async (trx) => {
    const seq = await SequenceAllocator.lock(trx);
    const existing = await trx
      .selectFrom('products')
      .select(['id', 'deleted'])
      .where('legacy_id', '=', p.id)
      .executeTakeFirst();
    if (existing && !existing.deleted)
      return { answer: { status: 400, body: { detail: 'El producto ya existe' } }, changed: null };
    const productSeq = seq.next();
    let productId: string;
    // Through the catalogue's writer, so price history and revisions stay complete.
    if (existing) {
      productId = existing.id;
      const previous = (await loadProduct(trx, productId))!.doc;
      await writeProduct(
        trx,
        { ...previous, name: p.name, priceCents: p.priceCents, _deleted: false },
        previous,
        productSeq,
        now,
        legacyChange(key),
      );
    } else {
      productId = uuidv7();
      const skuTaken = await trx
        .selectFrom('products')
        .select('id')
        .where('sku', '=', `LEGACY-${p.id}`)
        .executeTakeFirst();
      const doc = {
        id: productId,
        sku: skuTaken ? `LEGACY-${p.id}-${productId.slice(-6)}` : `LEGACY-${p.id}`,
        barcode: null,
        name: p.name,
        category: 'Sin categoría',
        priceCents: p.priceCents,
        taxRateBp: 0,
        legacyId: p.id,
        _deleted: false,
      };
      await writeProduct(trx, doc, null, productSeq, now, legacyChange(key));
    }
    const stockChanged = await setBranchLevel(trx, seq, key, productId, p.stock, 'POST /inventory', now);
    await seq.save();
    return {
      answer: { status: 200, body: seedProduct(p) },
      changed: { seq: seq.last, products: true, stockAt: stockChanged ? key.locationId : null },
    };
  });
}

/** PUT /inventory/{id}: name and price in the master catalogue; a different `stock` is corrected at the branch. */
export async function updateProduct(
  db: Db,
  key: LegacyKeyIdentity,
  pathId: number,
  p: ProductInput,
  now = new Date().toISOString(),
): Promise<InventoryResult> {
  return db.transaction().execute(async (trx) => {
    const seq = await SequenceAllocator.lock(trx);
    const existing = await trx
      .selectFrom('products')
      .select(['id', 'name', 'price_cents'])
      .where('legacy_id', '=', pathId)
      .where('deleted', '=', 0)
      .executeTakeFirst();
    if (!existing) return { answer: NOT_FOUND, changed: null };
    if (p.id !== pathId) {
      // The seed would file the product under the path's id while echoing another; we refuse the ambiguity.
      return {
        answer: {
          status: 400,
          body: {
            detail: `El id del cuerpo (${p.id}) no coincide con el de la ruta (${pathId}); envíe el mismo id en ambos.`,
          },
        },
        changed: null,
      };
    }
    let productsChanged = false;
    if (existing.name !== p.name || Number(existing.price_cents) !== p.priceCents) {
      const previous = (await loadProduct(trx, existing.id))!.doc;
      await writeProduct(
        trx,
        { ...previous, name: p.name, priceCents: p.priceCents },
        previous,
        seq.next(),
        now,
        legacyChange(key),
      );
      productsChanged = true;
    }
    const stockChanged = await setBranchLevel(trx, seq, key, existing.id, p.stock, `PUT /inventory/${pathId}`, now);
    await seq.save();
    const changed =
      productsChanged || stockChanged
        ? { seq: seq.last, products: productsChanged, stockAt: stockChanged ? key.locationId : null }
        : null;
    return { answer: { status: 200, body: seedProduct(p) }, changed };
  });
}

/** DELETE /inventory/{id}: the product leaves the catalogue (kept, marked deleted, for the ledger's history). */
export async function deleteProduct(
  db: Db,
  key: LegacyKeyIdentity,
  pathId: number,
  now = new Date().toISOString(),
): Promise<InventoryResult> {
  return db.transaction().execute(async (trx) => {
    const seq = await SequenceAllocator.lock(trx);
    const existing = await trx
      .selectFrom('products')
      .select(['id', 'name'])
      .where('legacy_id', '=', pathId)
      .where('deleted', '=', 0)
      .executeTakeFirst();
    if (!existing) return { answer: NOT_FOUND, changed: null };
    const previous = (await loadProduct(trx, existing.id))!.doc;
    await writeProduct(trx, { ...previous, _deleted: true }, previous, seq.next(), now, legacyChange(key));
    await seq.save();
    return {
      answer: { status: 200, body: { removed: existing.name, id: pathId } },
      changed: { seq: seq.last, products: true, stockAt: null },
    };
  });
}

/**
 * Invariant 3: the seed sends an absolute stock; we never write a level, we record the difference
 * as a correction movement with its reason. Nothing is recorded when the level already matches.
 */
async function setBranchLevel(
  trx: Transaction<Database>,
  seq: SequenceAllocator,
  key: LegacyKeyIdentity,
  productId: string,
  target: number,
  via: string,
  now: string,
): Promise<boolean> {
  const level = await trx
    .selectFrom('stock_levels')
    .select('quantity')
    .where('location_id', '=', key.locationId)
    .where('product_id', '=', productId)
    .executeTakeFirst();
  const delta = target - Number(level?.quantity ?? 0);
  if (delta === 0) return false;
  await applyMovement(
    trx,
    {
      locationId: key.locationId,
      productId,
      delta,
      kind: 'correction',
      saleId: null,
      actor: `legacy:${key.branchId}`,
      reason: `stock set to ${target} through the legacy API (${via})`,
    },
    seq.next(),
    now,
  );
  return true;
}

function seedProduct(p: ProductInput): SeedProduct {
  return { id: p.id, name: p.name, price: centsToSeedFloat(p.priceCents), stock: p.stock };
}

function legacyChange(key: LegacyKeyIdentity): ProductChange {
  return { source: 'legacy', actor: `legacy:${key.branchId}`, branchId: key.branchId };
}
