import type { ProductUnit } from '../protocol/product-doc';
import { z } from 'zod';
import { cursorSchema } from './ledger-api';

/** Console ↔ server messages of stock counts run from the console (SPEC S13). */

const id = z.string().trim().min(1).max(64);

export const COUNT_STATUSES = ['open', 'approved', 'cancelled'] as const;
export type CountStatus = (typeof COUNT_STATUSES)[number];

/** POST /api/console/counts — start counting a location: every product, or one category. */
export const startCountRequestSchema = z.object({
  locationId: id,
  category: z.string().trim().min(1).max(100).nullable().default(null),
  note: z.string().trim().max(500).default(''),
});
export type StartCountRequest = z.infer<typeof startCountRequestSchema>;

/** GET /api/console/counts — newest first, filtered by location and state. */
export const countsQuerySchema = z.object({
  locationId: id.optional(),
  status: z.enum(COUNT_STATUSES).optional(),
  cursor: cursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const SHEET_FILTERS = ['all', 'counted', 'uncounted', 'variance'] as const;
/** GET /api/console/counts/:id/sheet — the products of the count, searched and filtered on the server. */
export const countSheetQuerySchema = z.object({
  query: z.string().trim().max(100).default(''),
  filter: z.enum(SHEET_FILTERS).default('all'),
});

/** PUT /api/console/counts/:id/lines/:productId — what is on the shelf (console entry). */
export const countEntryRequestSchema = z.object({
  quantity: z
    .number({ error: 'Type how many units are on the shelf (a whole number from 0).' })
    .int('Type a whole number of units.')
    .min(0, 'A count cannot be below zero: count what is on the shelf.')
    .max(1e9),
});

/** POST /api/console/counts/:id/cancel */
export const cancelCountRequestSchema = z.object({
  reason: z.string().trim().min(3, 'Say why the count is cancelled (at least 3 characters).').max(500),
});

export interface CountSummary {
  id: string;
  locationId: string;
  locationName: string;
  branchId: string | null;
  /** null: every product. */
  category: string | null;
  status: CountStatus;
  note: string;
  startedByName: string;
  startedAt: string;
  closedByName: string | null;
  closedAt: string | null;
  /** Products counted so far. */
  countedLines: number;
  seq: number;
}

export interface CountTotals {
  /** Products in the count's scope. */
  products: number;
  counted: number;
  notCounted: number;
  withVariance: number;
  /**
   * Sum of counted − expected over counted products sold by the piece; products sold by measure (kg
   * with decimals, whole grams) are left out, they do not add to pieces: their variance is in varianceCents.
   */
  varianceUnits: number;
  /** Variance valued at the master price. */
  varianceCents: number;
  /** Shortages and overages apart, valued at the master price. */
  shortCents: number;
  overCents: number;
  lateSales: number;
}

export interface CountDetail extends CountSummary {
  currency: string;
  totals: CountTotals;
  /** Sales and refunds of counted products applied after their line was counted (SPEC S13). */
  lateSales: LateSale[];
}

export interface CountSheetLine {
  productId: string;
  sku: string;
  name: string;
  category: string;
  /** How the product counts: every quantity of the line is an integer of 10^-quantityDecimals of it. */
  unit: ProductUnit;
  quantityDecimals: number;
  priceCents: number;
  /** null until counted. */
  counted: number | null;
  countedAt: string | null;
  source: 'console' | 'pos' | null;
  /** Ledger level when the line was counted (server order); the current level while uncounted. */
  book: number;
  /** Units of late sales and refunds (negative: sold) the shelf already reflected. */
  late: number;
  /** book + late: what the shelf should hold at the moment of the count. */
  expected: number;
  /** counted − expected; null while uncounted. */
  variance: number | null;
  varianceCents: number | null;
}

export interface CountSheet {
  items: CountSheetLine[];
  /** More products match than were sent: narrow the search. */
  truncated: boolean;
}

export interface LateSale {
  saleId: string;
  receiptNumber: string;
  kind: 'sale' | 'refund';
  productId: string;
  productName: string;
  /** Stock movement: negative for a sale. */
  delta: number;
  /** Device clock, display only. */
  madeAt: string;
  receivedAt: string;
  /** Made before its line was counted (device clock, clamped to receipt) and so in the expected quantity, unless it reached the server after the approval: then not in the adjustment. */
  afterApproval: boolean;
}

export interface ApproveCountResponse {
  seq: number;
  adjustments: number;
  varianceUnits: number;
}
