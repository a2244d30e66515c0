import type { Transaction } from 'kysely';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { SequenceAllocator } from '../ledger/server-sequence';
import { applyMovement } from '../ledger/stock-movements';
import { stockLevelOf } from '../ledger/ledger-queries';
import { branchSettings } from '../catalogue/branch-settings';
import { mergeProduct } from '../catalogue/merge-product';
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
 * POST /inventory: the seed let any branch add to the catalogue. Products belong to the centre
 * (DESIGN invariant 6; a tablet cannot create one either), so a branch key is told where products
 * are created, and changes nothing; an id already in the catalogue keeps the seed's 400.
 */
export async function addProduct(db: Db, _key: LegacyKeyIdentity, p: ProductInput): Promise<InventoryResult> {
  const existing = await db
    .selectFrom('products')
    .select(['id', 'deleted'])
    .where('legacy_id', '=', p.id)
    .executeTakeFirst();
  if (existing && !existing.deleted)
    return { answer: { status: 400, body: { detail: 'El producto ya existe' } }, changed: null };
  return {
    answer: {
      status: 403,
      body: {
        detail:
          'Los productos se dan de alta en la consola de gerentes (catálogo maestro de toda la cadena); la clave de una sucursal no puede crearlos. No se cambió nada.',
      },
    },
    changed: null,
  };
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
      // A tablet's rule (device-product-push.ts): only the fields the branch's settings allow. The
      // seed sends no base version, so the base is the master as it is now: nothing to merge.
      const mayEdit = (await branchSettings(trx, key.branchId))?.productEditFields ?? [];
      const merge = mergeProduct({
        base: previous,
        centre: previous,
        device: { ...previous, name: p.name, priceCents: p.priceCents },
        deviceMayEdit: mayEdit,
      });
      if (merge.refused.length > 0) return { answer: refusedFields(merge.refused, mayEdit), changed: null };
      await writeProduct(trx, merge.merged, previous, seq.next(), now, legacyChange(key));
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

/** DELETE /inventory/{id}: the seed withdrew the product chain-wide; only the centre may (a 403 that changes nothing). */
export async function deleteProduct(db: Db, _key: LegacyKeyIdentity, pathId: number): Promise<InventoryResult> {
  const existing = await db
    .selectFrom('products')
    .select('id')
    .where('legacy_id', '=', pathId)
    .where('deleted', '=', 0)
    .executeTakeFirst();
  if (!existing) return { answer: NOT_FOUND, changed: null };
  return {
    answer: {
      status: 403,
      body: {
        detail:
          'La clave de una sucursal no puede retirar productos del catálogo maestro de toda la cadena; un gerente puede hacerlo en la consola. No se cambió nada.',
      },
    },
    changed: null,
  };
}

const FIELD_NAMES: Record<string, string> = {
  sku: 'SKU',
  barcode: 'código de barras',
  name: 'nombre',
  category: 'categoría',
  priceCents: 'precio',
  taxRateBp: 'impuesto',
};

function refusedFields(refused: readonly string[], mayEdit: readonly string[]): LegacyAnswer {
  const names = (fields: readonly string[]) => fields.map((f) => FIELD_NAMES[f] ?? f).join(', ');
  return {
    status: 403,
    body: {
      detail: `Esta sucursal no puede cambiar ${names(refused)} de los productos (puede cambiar: ${mayEdit.length ? names(mayEdit) : 'ninguno'}); no se cambió nada. Un gerente puede cambiarlo en la consola o permitirlo en la configuración de la sucursal.`,
    },
  };
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
  const delta = target - (await stockLevelOf(trx, key.locationId, productId));
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
