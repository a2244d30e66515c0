import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { productListQuerySchema, type ProductListQuery } from '../../shared/console/catalogue';
import { productUnitSchema, type ProductDoc } from '../../shared/protocol';
import type { Db } from '../db/database';
import { ApiError } from '../http/api-error';
import { SequenceAllocator } from '../ledger/server-sequence';
import { logConflicts } from './conflict-log';
import { mergeProduct, sameProduct } from './merge-product';
import { EDITABLE_PRODUCT_FIELDS } from './product-fields';
import { loadProduct, productDoc, writeProduct } from './product-rows';
import { keysetPage } from '../http/keyset-page';

const barcode = z
  .string()
  .trim()
  .max(64)
  .regex(/^[0-9A-Za-z-]*$/, 'A barcode has only digits, letters and dashes.');

const fields = {
  sku: z.string().trim().min(1, 'The SKU cannot be empty.').max(64),
  barcode: barcode.nullable().transform((v) => (v === '' ? null : v)),
  /** Every barcode of the product, the main one first; each unique across the chain. */
  barcodes: z
    .array(barcode.min(1, 'A barcode cannot be empty.'))
    .max(20, 'A product has at most 20 barcodes.')
    .refine((list) => new Set(list).size === list.length, 'The same barcode is listed twice.'),
  unit: productUnitSchema,
  quantityDecimals: z
    .number()
    .int()
    .min(0, 'Quantity decimals go from 0 to 3.')
    .max(3, 'Quantity decimals go from 0 to 3 (3: grams of a kilogram).'),
  name: z.string().trim().min(1, 'The product needs a name.').max(200),
  category: z.string().trim().max(100),
  priceCents: z.number().int('Prices are whole cents.').nonnegative('A price cannot be negative.').max(1e10),
  taxRateBp: z.number().int().min(0).max(10000, 'The tax rate is in basis points, at most 10000 (100 %).'),
  /** The seed prototype's integer id (its legacy API serves the product under it). */
  legacyId: z.number().int().positive('A legacy id is a whole number above 0.').max(2_147_483_647).nullable(),
};

export const productCreateSchema = z
  .object({
    ...fields,
    barcode: fields.barcode.default(null),
    barcodes: fields.barcodes.default([]),
    unit: fields.unit.default('each'),
    quantityDecimals: fields.quantityDecimals.default(0),
    category: fields.category.default(''),
    taxRateBp: fields.taxRateBp.default(0),
    legacyId: fields.legacyId.default(null),
  })
  .strict();
export type ProductCreate = z.infer<typeof productCreateSchema>;

/** A console edit: the fields changed, and the seq of the product as the console showed it. */
export const productPatchSchema = z
  .object({ baseSeq: z.number().int().nonnegative(), ...fields })
  .partial({
    sku: true,
    barcode: true,
    barcodes: true,
    name: true,
    category: true,
    priceCents: true,
    taxRateBp: true,
    unit: true,
    quantityDecimals: true,
    legacyId: true,
  })
  .strict()
  .refine(
    (v) => v.legacyId !== undefined || EDITABLE_PRODUCT_FIELDS.some((f) => v[f] !== undefined),
    'Send at least one field to change.',
  );
export type ProductPatch = z.infer<typeof productPatchSchema>;

export { productListQuerySchema };

export interface ConsoleProduct extends ProductDoc {
  seq: number;
  updatedAt: string;
}

export interface ProductWriteResult {
  product: ConsoleProduct;
  /** Fields where this console edit overrode a device's concurrent change (logged in the conflict log). */
  conflicts: { field: string; deviceValue: unknown }[];
  /** Highest sequence written, null when nothing changed. */
  writtenUpTo: number | null;
}

const cursorSchema = z.object({ n: z.string(), i: z.string() });

function encodeCursor(name: string, id: string): string {
  return Buffer.from(JSON.stringify({ n: name, i: id })).toString('base64url');
}

function decodeCursor(cursor: string): { n: string; i: string } {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new ApiError('BAD_REQUEST', 'The cursor is not one this server gave out; start again from the first page.');
  }
}

/**
 * Products by name (then id), filtered by a text found in name, SKU, barcode or category, by
 * category (index products_category_name) and by archived state.
 */
export async function listProducts(
  db: Db,
  q: ProductListQuery,
): Promise<{ items: ConsoleProduct[]; nextCursor: string | null }> {
  const rows = await productsQuery(db, q).execute();
  const { page, nextCursor } = keysetPage(rows, q.limit, (last) => encodeCursor(last.name, last.id));
  return { items: page.map((r) => ({ ...productDoc(r), seq: Number(r.seq), updatedAt: r.updated_at })), nextCursor };
}

/** The list's query: one page plus one row, by name then id. */
export function productsQuery(db: Db, q: ProductListQuery) {
  let query = db.selectFrom('products').selectAll();
  const archived = q.archived ?? (q.includeDeleted === '1' || q.includeDeleted === 'true' ? 'all' : 'active');
  if (archived !== 'all') query = query.where('deleted', '=', archived === 'archived' ? 1 : 0);
  if (q.category !== undefined) query = query.where('category', '=', q.category);
  if (q.query) {
    const like = `%${q.query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or(
        (['name', 'sku', 'barcode', 'category'] as const).map((c) =>
          eb(sql`lower(coalesce(${sql.ref(c)}, ''))`, 'like', sql`${like} escape '\\'`),
        ),
      ),
    );
  }
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    query = query.where((eb) => eb.or([eb('name', '>', c.n), eb.and([eb('name', '=', c.n), eb('id', '>', c.i)])]));
  }
  return query
    .orderBy('name')
    .orderBy('id')
    .limit(q.limit + 1);
}

async function current(db: Db, id: string): Promise<ConsoleProduct> {
  const row = await db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return { ...productDoc(row), seq: Number(row.seq), updatedAt: row.updated_at };
}

async function assertSkuFree(db: Pick<Db, 'selectFrom'>, sku: string, exceptId: string | null): Promise<void> {
  const other = await db.selectFrom('products').select('id').where('sku', '=', sku).executeTakeFirst();
  if (other && other.id !== exceptId)
    throw new ApiError('CONFLICT', `SKU ${sku} already belongs to another product; choose another SKU.`);
}

async function assertLegacyIdFree(db: Pick<Db, 'selectFrom'>, legacyId: number, exceptId: string | null) {
  const other = await db.selectFrom('products').select('id').where('legacy_id', '=', legacyId).executeTakeFirst();
  if (other && other.id !== exceptId)
    throw new ApiError('CONFLICT', `Legacy id ${legacyId} already belongs to another product; choose another.`);
}

export async function createProduct(
  db: Db,
  input: ProductCreate,
  managerId: string,
  now = new Date().toISOString(),
): Promise<ProductWriteResult> {
  const id = uuidv7();
  const doc: ProductDoc = { id, ...input, _deleted: false };
  const written = await db.transaction().execute(async (trx) => {
    const seq = await SequenceAllocator.lock(trx);
    await assertSkuFree(trx, input.sku, null);
    if (input.legacyId !== null) await assertLegacyIdFree(trx, input.legacyId, null);
    const n = seq.next();
    await writeProduct(trx, doc, null, n, now, { source: 'console', actor: managerId, branchId: null });
    await seq.save();
    return n;
  });
  return { product: await current(db, id), conflicts: [], writtenUpTo: written };
}

/**
 * A console edit (DESIGN invariant 6). The console names the version it edited (baseSeq). When
 * the product changed since (a device edit, another console), the edit is merged per field against
 * that version: the console's fields win (the centre owns the catalogue), fields changed only by
 * the other side keep their value, and a device value the console overrode goes to the conflict log.
 */
export async function patchProduct(
  db: Db,
  id: string,
  patch: ProductPatch,
  managerId: string,
  now = new Date().toISOString(),
): Promise<ProductWriteResult> {
  const outcome = await db.transaction().execute(async (trx) => {
    const seq = await SequenceAllocator.lock(trx);
    const start = seq.last;
    const master = await loadProduct(trx, id);
    if (!master) throw new ApiError('NOT_FOUND', `There is no product ${id}; reload the product list.`);
    if (patch.baseSeq > master.seq)
      throw new ApiError(
        'BAD_REQUEST',
        `baseSeq ${patch.baseSeq} is newer than product ${id} (version ${master.seq}); send the seq the product list gave you.`,
      );
    let base = master.doc;
    if (patch.baseSeq < master.seq) {
      const revision = await trx
        .selectFrom('product_revisions')
        .select('doc')
        .where('product_id', '=', id)
        .where('seq', '=', patch.baseSeq)
        .executeTakeFirst();
      if (!revision)
        throw new ApiError(
          'CONFLICT',
          `Product ${id} changed since you opened it and that version is not on record; reload it and make your change again.`,
        );
      base = JSON.parse(revision.doc) as ProductDoc;
    }
    const edited: ProductDoc = { ...base };
    for (const f of EDITABLE_PRODUCT_FIELDS)
      if (patch[f] !== undefined) (edited as Record<string, unknown>)[f] = patch[f];
    if (patch.legacyId !== undefined) edited.legacyId = patch.legacyId;
    if (edited.legacyId !== null && edited.legacyId !== master.doc.legacyId)
      await assertLegacyIdFree(trx, edited.legacyId, id);
    if (edited.sku !== master.doc.sku) await assertSkuFree(trx, edited.sku, id);
    // "device" here is whatever happened to the product since the console's version.
    const merge = mergeProduct({ base, centre: edited, device: master.doc, deviceMayEdit: EDITABLE_PRODUCT_FIELDS });
    const merged: ProductDoc = { ...merge.merged };
    if (patch.legacyId !== undefined) merged.legacyId = patch.legacyId;
    for (const f of merge.refused) (merged as Record<string, unknown>)[f] = master.doc[f];

    const logged: { field: string; deviceValue: unknown }[] = [];
    if (merge.conflicts.length > 0) {
      const since = await trx
        .selectFrom('product_revisions')
        .select(['doc', 'source', 'actor', 'branch_id'])
        .where('product_id', '=', id)
        .where('seq', '>', patch.baseSeq)
        .orderBy('seq', 'desc')
        .execute();
      for (const c of merge.conflicts) {
        // Attribute the overridden value to the latest device edit that set it; console-vs-console is last-writer-wins.
        const byDevice = since.find(
          (r) => r.source === 'device' && (JSON.parse(r.doc) as Record<string, unknown>)[c.field] === c.device,
        );
        if (!byDevice || !byDevice.branch_id) continue;
        await logConflicts(
          trx,
          seq,
          { productId: id, deviceId: byDevice.actor, branchId: byDevice.branch_id },
          [c],
          now,
        );
        logged.push({ field: c.field, deviceValue: c.device });
      }
    }
    if (!sameProduct(merged, master.doc)) {
      await writeProduct(trx, merged, master.doc, seq.next(), now, {
        source: 'console',
        actor: managerId,
        branchId: null,
      });
    }
    await seq.save();
    return { logged, writtenUpTo: seq.last > start ? seq.last : null };
  });
  return { product: await current(db, id), conflicts: outcome.logged, writtenUpTo: outcome.writtenUpTo };
}

/** Soft delete: devices pull the product with _deleted and drop it from the catalogue; sales keep it. */
export async function deleteProduct(
  db: Db,
  id: string,
  managerId: string,
  now = new Date().toISOString(),
): Promise<ProductWriteResult> {
  const written = await db.transaction().execute(async (trx) => {
    const seq = await SequenceAllocator.lock(trx);
    const master = await loadProduct(trx, id);
    if (!master) throw new ApiError('NOT_FOUND', `There is no product ${id}; reload the product list.`);
    if (master.doc._deleted) return null;
    const n = seq.next();
    await writeProduct(trx, { ...master.doc, _deleted: true }, master.doc, n, now, {
      source: 'console',
      actor: managerId,
      branchId: null,
    });
    await seq.save();
    return n;
  });
  return { product: await current(db, id), conflicts: [], writtenUpTo: written };
}
