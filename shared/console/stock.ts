import { z } from 'zod';
import { nonZeroDeltaSchema } from './ledger-api';
import { productUnitSchema } from '../protocol/product-doc';

/** Console ↔ server messages of stock: matrix, low stock and resupply, stock as of a moment, adjustments. */

const id = z.string().trim().min(1).max(64);
const limit = z.coerce.number().int().min(1).max(200).default(50);

/** GET /api/console/stock/matrix — products (by name) × the locations the manager may see. */
export const stockMatrixQuerySchema = z.object({
  query: z.string().trim().max(100).default(''),
  category: z.string().trim().max(100).optional(),
  cursor: z.string().max(500).optional(),
  limit,
});
const stockLocationSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['centre', 'branch']),
  branchId: z.string().nullable(),
});
export const stockMatrixResponseSchema = z.object({
  /** The centre first, then branches by name: the columns. */
  locations: z.array(stockLocationSchema),
  items: z.array(
    z.object({
      productId: z.string(),
      sku: z.string(),
      name: z.string(),
      category: z.string(),
      /** Level per location id (0 where the product never moved). */
      quantities: z.record(z.string(), z.number().int()),
      /** Sum over the columns shown. */
      total: z.number().int(),
      reorderMin: z.number().int().nullable(),
      /** How the product is counted: quantities are integers of 10^-quantityDecimals of the unit (grams of kg). */
      unit: productUnitSchema,
      quantityDecimals: z.number().int(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
export type StockMatrixResponse = z.infer<typeof stockMatrixResponseSchema>;

/** GET /api/console/stock/low — products below their reorder minimum at a location. */
export const lowStockQuerySchema = z.object({ locationId: id, cursor: id.optional(), limit });
export const lowStockResponseSchema = z.object({
  locationId: z.string(),
  items: z.array(
    z.object({
      productId: z.string(),
      sku: z.string(),
      name: z.string(),
      quantity: z.number().int(),
      reorderMin: z.number().int(),
      reorderMax: z.number().int().nullable(),
      /** Up to the maximum (the minimum when there is none). */
      suggestedQuantity: z.number().int(),
      /** How the product is counted: the quantities above are integers of 10^-quantityDecimals of the unit. */
      unit: productUnitSchema,
      quantityDecimals: z.number().int(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
export type LowStockResponse = z.infer<typeof lowStockResponseSchema>;

/** POST /api/console/stock/resupply — the low-stock suggestion becomes one transfer (sent at once). */
export const resupplyRequestSchema = z.object({
  toLocationId: id,
  /** Default: the central warehouse. */
  fromLocationId: id.optional(),
  /** Quantities to send; default: every low product with its suggested quantity. */
  lines: z
    .array(z.object({ productId: id, quantity: z.number().int().positive().max(1e9) }))
    .max(500)
    .optional(),
  note: z.string().trim().max(500).default(''),
});
export const resupplyResponseSchema = z.object({
  transferId: z.string(),
  seq: z.number().int(),
  lines: z.array(z.object({ productId: z.string(), quantity: z.number().int() })),
});

/** GET /api/console/stock/as-of — levels at a past moment, summed from the ledger. */
export const stockAsOfQuerySchema = z.object({
  locationId: id,
  at: z.iso.datetime({ offset: true, message: 'Give the moment as a date and time, e.g. 2026-11-28T09:00:00Z.' }),
  productId: id.optional(),
  cursor: id.optional(),
  limit,
});
export const stockAsOfResponseSchema = z.object({
  locationId: z.string(),
  /** The moment asked for (server clock of when movements were recorded). */
  at: z.string(),
  items: z.array(z.object({ productId: z.string(), name: z.string(), quantity: z.number().int() })),
  nextCursor: z.string().nullable(),
});
export type StockAsOfResponse = z.infer<typeof stockAsOfResponseSchema>;

export const ADJUSTMENT_REASONS = ['waste', 'damage', 'theft', 'found', 'correction'] as const;
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];

/** POST /api/console/stock/adjustments — a ledger movement by a delta with a reason code and a note. */
export const adjustmentRequestSchema = z
  .object({
    locationId: id,
    productId: id,
    delta: nonZeroDeltaSchema('An adjustment of 0 changes nothing; type how many units to add (+) or remove (−).'),
    reason: z.enum(ADJUSTMENT_REASONS),
    note: z.string().trim().min(3, 'Say what happened (at least 3 characters).').max(500),
  })
  .refine((a) => !['waste', 'damage', 'theft'].includes(a.reason) || a.delta < 0, {
    message: 'Waste, damage and theft remove units: type a negative quantity.',
    path: ['delta'],
  })
  .refine((a) => a.reason !== 'found' || a.delta > 0, {
    message: 'Found units are added: type a positive quantity.',
    path: ['delta'],
  });
export const adjustmentResponseSchema = z.object({ seq: z.number().int(), level: z.number().int() });
