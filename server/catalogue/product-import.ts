import Papa from 'papaparse';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { ProductImportResponse } from '../../shared/console/catalogue';
import type { ProductDoc } from '../../shared/protocol';
import type { Db } from '../db/database';
import { ApiError } from '../http/api-error';
import { SequenceAllocator } from '../ledger/server-sequence';
import { productCreateSchema } from './console-products';
import { productDoc, writeProduct } from './product-rows';

const COLUMNS = [
  'sku',
  'name',
  'category',
  'priceCents',
  'taxRateBp',
  'barcode',
  'barcodes',
  'unit',
  'quantityDecimals',
  'legacyId',
  'reorderMin',
  'reorderMax',
] as const;
const NUMERIC = new Set(['priceCents', 'taxRateBp', 'quantityDecimals', 'legacyId', 'reorderMin', 'reorderMax']);
/** Several barcodes in one cell are separated by spaces or "|" (the export writes "|"). */
export const BARCODES_SEPARATOR = '|';
export const MAX_IMPORT_ROWS = 10_000;

const ruleCell = z.number().int().nonnegative().max(1e9).nullable();

interface PlannedRow {
  line: number;
  sku: string;
  action: 'create' | 'update' | 'unchanged';
  errors: string[];
  doc: ProductDoc | null;
  previous: ProductDoc | null;
  /** The product row itself changes (not only its reorder rule). */
  productChanged: boolean;
  rule: { reorderMin?: number | null; reorderMax?: number | null };
}

type Cells = Partial<Record<(typeof COLUMNS)[number], string>>;

function parseCsv(csv: string): Cells[] {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim(),
  });
  const headers = parsed.meta.fields ?? [];
  const unknown = headers.filter((h) => !(COLUMNS as readonly string[]).includes(h));
  if (!headers.includes('sku') || unknown.length)
    throw new ApiError(
      'BAD_REQUEST',
      `The first line must name the columns: sku (required) and any of ${COLUMNS.slice(1).join(', ')}.${unknown.length ? ` Unknown: ${unknown.join(', ')}.` : ''}`,
    );
  if (parsed.data.length > MAX_IMPORT_ROWS)
    throw new ApiError(
      'BAD_REQUEST',
      `The file has ${parsed.data.length} rows; import at most ${MAX_IMPORT_ROWS} at a time.`,
    );
  return parsed.data as Cells[];
}

/** A cell's value: undefined when the column is absent or the cell empty (nothing to change). */
function cellValue(cells: Cells, column: (typeof COLUMNS)[number]): unknown {
  const raw = cells[column]?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (column === 'barcodes') return raw.split(/[\s|]+/).filter(Boolean);
  if (!NUMERIC.has(column)) return raw;
  return /^-?\d+$/.test(raw) ? Number(raw) : raw;
}

function planRow(cells: Cells, line: number, existing: ProductDoc | undefined): PlannedRow {
  const sku = (cells.sku ?? '').trim();
  const values = Object.fromEntries(
    COLUMNS.map((c) => [c, cellValue(cells, c)]).filter(([, v]) => v !== undefined),
  ) as Record<string, unknown>;
  const { reorderMin, reorderMax, ...product } = values;
  const errors: string[] = [];
  const rule: PlannedRow['rule'] = {};
  for (const [key, v] of [
    ['reorderMin', reorderMin],
    ['reorderMax', reorderMax],
  ] as const) {
    if (v === undefined) continue;
    const r = ruleCell.safeParse(v);
    if (r.success) rule[key] = r.data;
    else errors.push(`${key}: a whole number of units, 0 or more.`);
  }
  const merged = existing ? { ...existing, ...product } : product;
  const checked = productCreateSchema.safeParse(
    Object.fromEntries(Object.entries(merged).filter(([k]) => (COLUMNS as readonly string[]).includes(k))),
  );
  if (!checked.success) errors.push(...checked.error.issues.map((i) => `${i.path.join('.') || 'row'}: ${i.message}`));
  if (rule.reorderMin != null && rule.reorderMax != null && rule.reorderMax < rule.reorderMin)
    errors.push('reorderMax: the reorder maximum must be at least the minimum.');
  if (errors.length || !checked.success)
    return { line, sku, action: 'unchanged', errors, doc: null, previous: null, productChanged: false, rule };
  const doc: ProductDoc = { ...checked.data, id: existing?.id ?? uuidv7(), _deleted: existing?._deleted ?? false };
  const productChanged = !existing || JSON.stringify(existing) !== JSON.stringify({ ...existing, ...doc });
  const action = !existing ? 'create' : !productChanged && Object.keys(rule).length === 0 ? 'unchanged' : 'update';
  return { line, sku, action, errors, doc, previous: existing ?? null, productChanged, rule };
}

/** Validates every row against the catalogue (SKU and legacy id unique in the file and the chain). */
async function planImport(db: Db, csv: string): Promise<PlannedRow[]> {
  const rows = parseCsv(csv);
  const skus = [...new Set(rows.map((r) => (r.sku ?? '').trim()).filter(Boolean))];
  const existing = new Map<string, ProductDoc>();
  for (let i = 0; i < skus.length; i += 500) {
    for (const r of await db
      .selectFrom('products')
      .selectAll()
      .where('sku', 'in', skus.slice(i, i + 500))
      .execute())
      existing.set(r.sku, productDoc(r));
  }
  const seenSku = new Map<string, number>();
  const seenLegacy = new Map<number, number>();
  const planned = rows.map((cells, i) => planRow(cells, i + 2, existing.get((cells.sku ?? '').trim())));
  for (const p of planned) {
    if (seenSku.has(p.sku)) p.errors.push(`sku: ${p.sku} is already on line ${seenSku.get(p.sku)} of this file.`);
    else seenSku.set(p.sku, p.line);
    const legacyId = p.doc?.legacyId;
    if (legacyId == null) continue;
    if (seenLegacy.has(legacyId))
      p.errors.push(`legacyId: ${legacyId} is already on line ${seenLegacy.get(legacyId)} of this file.`);
    else seenLegacy.set(legacyId, p.line);
    const owner = await db
      .selectFrom('products')
      .select(['id', 'sku'])
      .where('legacy_id', '=', legacyId)
      .executeTakeFirst();
    if (owner && owner.id !== p.doc!.id)
      p.errors.push(`legacyId: ${legacyId} belongs to product ${owner.sku}; choose another.`);
  }
  return planned;
}

function summary(planned: PlannedRow[], confirmed: boolean): ProductImportResponse {
  return {
    confirmed,
    rows: planned.map((p) => ({
      line: p.line,
      sku: p.sku,
      action: p.errors.length ? 'unchanged' : p.action,
      errors: p.errors,
    })),
    errorCount: planned.filter((p) => p.errors.length).length,
    createCount: planned.filter((p) => !p.errors.length && p.action === 'create').length,
    updateCount: planned.filter((p) => !p.errors.length && p.action === 'update').length,
  };
}

/**
 * CSV import. Without confirm: the preview, nothing written. With confirm: every row in one
 * transaction, or none when any row has an error (400 naming each line). Returns the last seq written.
 */
export async function importProducts(
  db: Db,
  input: { csv: string; confirm: boolean },
  managerId: string,
  now = new Date().toISOString(),
): Promise<{ response: ProductImportResponse; writtenUpTo: number | null }> {
  const planned = await planImport(db, input.csv);
  const preview = summary(planned, false);
  if (!input.confirm) return { response: preview, writtenUpTo: null };
  if (preview.errorCount > 0)
    throw new ApiError(
      'BAD_REQUEST',
      `${preview.errorCount} row(s) have errors, so nothing was imported; correct them and import the file again.`,
      planned.flatMap((p) => p.errors.map((message) => ({ path: `line ${p.line}`, message }))),
    );
  const writtenUpTo = await db.transaction().execute(async (trx) => {
    const seq = await SequenceAllocator.lock(trx);
    for (const p of planned) {
      if (p.doc && p.productChanged)
        await writeProduct(trx, p.doc, p.previous, seq.next(), now, {
          source: 'console',
          actor: managerId,
          branchId: null,
        });
      if (p.doc && Object.keys(p.rule).length) {
        const current = await trx
          .selectFrom('product_stock_rules')
          .selectAll()
          .where('product_id', '=', p.doc.id)
          .executeTakeFirst();
        const values = {
          reorder_min: p.rule.reorderMin !== undefined ? p.rule.reorderMin : (current?.reorder_min ?? null),
          reorder_max: p.rule.reorderMax !== undefined ? p.rule.reorderMax : (current?.reorder_max ?? null),
          updated_at: now,
        };
        await trx
          .insertInto('product_stock_rules')
          .values({ product_id: p.doc.id, ...values })
          .onConflict((oc) => oc.column('product_id').doUpdateSet(values))
          .execute();
      }
    }
    await seq.save();
    return seq.last;
  });
  return { response: summary(planned, true), writtenUpTo };
}
