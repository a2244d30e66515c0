import { z } from 'zod';
import { productDocSchema } from '../protocol/product-doc';

/** Console ↔ server messages of the catalogue: search, archive, stock rules, price history, scheduled prices, CSV import. */

const id = z.string().trim().min(1).max(64);

/** GET /api/console/products — filtered and paginated on the server, by name then id. */
export const productListQuerySchema = z.object({
  /** Found in name, SKU, barcode or category. */
  query: z.string().trim().max(100).default(''),
  /** Exact category (the list of GET /api/console/products/categories). */
  category: z.string().trim().max(100).optional(),
  /** active (default), archived or all. */
  archived: z.enum(['active', 'archived', 'all']).optional(),
  /** Older spelling of archived=all. */
  includeDeleted: z.enum(['0', '1', 'true', 'false']).default('0'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ProductListQuery = z.infer<typeof productListQuerySchema>;

const reorder = z.number().int().nonnegative('Reorder levels cannot be negative.').max(1e9);

/** Chain-wide stock rule of a product: below the minimum a location is low; resupply fills up to the maximum. */
export const reorderRuleSchema = z
  .object({ reorderMin: reorder.nullable(), reorderMax: reorder.nullable() })
  .refine((r) => r.reorderMin === null || r.reorderMax === null || r.reorderMax >= r.reorderMin, {
    message: 'The reorder maximum must be at least the minimum.',
    path: ['reorderMax'],
  });

const pendingPriceSchema = z.object({
  changeId: z.string(),
  priceCents: z.number().int(),
  effectiveAt: z.string(),
});

/** A product as the console lists it. */
export const consoleProductSchema = productDocSchema.extend({
  seq: z.number().int(),
  updatedAt: z.string(),
  reorderMin: z.number().int().nullable(),
  reorderMax: z.number().int().nullable(),
  /** The next scheduled price change, shown as pending until it takes effect. */
  pendingPrice: pendingPriceSchema.nullable(),
});
export type ConsoleProductView = z.infer<typeof consoleProductSchema>;
export const productPageSchema = z.object({ items: z.array(consoleProductSchema), nextCursor: z.string().nullable() });

/** PUT /api/console/products/:id/stock-rule */
export const stockRuleRequestSchema = reorderRuleSchema;

/** GET /api/console/products/categories */
export const categoriesResponseSchema = z.object({
  categories: z.array(z.object({ name: z.string(), products: z.number().int() })),
});

/** POST /api/console/products/:id/price-changes — a price that takes effect at a future moment. */
export const priceChangeRequestSchema = z.object({
  priceCents: z.number().int('Prices are whole cents.').nonnegative('A price cannot be negative.').max(1e10),
  effectiveAt: z.iso.datetime({ offset: true, message: 'Give the date and time the price takes effect.' }),
});
export type PriceChangeRequest = z.infer<typeof priceChangeRequestSchema>;

const PRICE_CHANGE_STATES = ['pending', 'applied', 'cancelled'] as const;
export const priceChangeSchema = z.object({
  id: z.string(),
  productId: z.string(),
  priceCents: z.number().int(),
  /** The master price before the change (at scheduling time). */
  previousPriceCents: z.number().int(),
  effectiveAt: z.string(),
  state: z.enum(PRICE_CHANGE_STATES),
  /** Catalogue server sequence at which tablets get the new price; null while pending. */
  appliedSeq: z.number().int().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type PriceChange = z.infer<typeof priceChangeSchema>;

/** GET /api/console/products/:id/prices — the master price history (what sales are checked against) and scheduled changes. */
export const priceHistorySchema = z.object({
  productId: z.string(),
  history: z.array(z.object({ priceCents: z.number().int(), validFrom: z.string(), seq: z.number().int() })),
  changes: z.array(priceChangeSchema),
});
export type PriceHistory = z.infer<typeof priceHistorySchema>;

/** GET /api/console/products/:id/price-changes/:changeId/rollout */
export const priceRolloutSchema = z.object({
  change: priceChangeSchema,
  devices: z.array(
    z.object({
      deviceId: z.string(),
      name: z.string(),
      branchId: z.string(),
      /** Catalogue seq the device last reported; null when it has not reported one. */
      catalogueSeq: z.number().int().nullable(),
      /** true: it has pulled the new price; false: not yet; null: unknown (no report with catalogueSeq). */
      hasNewPrice: z.boolean().nullable(),
      reportedAt: z.string().nullable(),
    }),
  ),
  /** Sales made after the change took effect at another price (the price-mismatch items the ledger opened). */
  salesAtOldPrice: z.array(
    z.object({
      itemId: z.string(),
      saleId: z.string().nullable(),
      branchId: z.string().nullable(),
      receiptNumber: z.string().nullable(),
      quantity: z.number().int().nullable(),
      chargedUnitCents: z.number().int().nullable(),
      saleTime: z.string().nullable(),
    }),
  ),
});
export type PriceRollout = z.infer<typeof priceRolloutSchema>;

/**
 * POST /api/console/products/import — a CSV with a header row: sku (required), name, category,
 * priceCents, taxRateBp, barcode, legacyId, reorderMin, reorderMax. An existing SKU updates that
 * product, a new one creates it. confirm=false validates only; confirm=true writes every row or none.
 */
export const productImportRequestSchema = z.object({
  csv: z.string().min(1, 'Choose a CSV file with a header row.').max(5_000_000),
  confirm: z.boolean().default(false),
});
const importRowSchema = z.object({
  /** Line number in the file (the header is line 1). */
  line: z.number().int(),
  sku: z.string(),
  action: z.enum(['create', 'update', 'unchanged']),
  errors: z.array(z.string()),
});
export const productImportResponseSchema = z.object({
  confirmed: z.boolean(),
  rows: z.array(importRowSchema),
  errorCount: z.number().int(),
  createCount: z.number().int(),
  updateCount: z.number().int(),
});
export type ProductImportResponse = z.infer<typeof productImportResponseSchema>;

export const productIdParams = z.object({ id });
