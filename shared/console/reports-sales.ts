import { z } from 'zod';
import { productUnitSchema } from '../protocol/product-doc';
import { approvalSchema } from '../protocol/approval';
import { ticketDiscountSchema } from '../protocol/sale-doc';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const id = z.string().min(1).max(100);

export const explorerGroups = [
  'day',
  'week',
  'month',
  'branch',
  'cashier',
  'device',
  'product',
  'category',
  'tender',
] as const;
export type ExplorerGroup = (typeof explorerGroups)[number];

/**
 * How a ticket was paid: one tender, or both; 'exchange' for both tickets of an exchange (SPEC S14),
 * whose money (the difference) is in the ticket's cash and card figures.
 */
export const ticketTenders = ['cash', 'card', 'mixed', 'exchange'] as const;
export type TicketTender = (typeof ticketTenders)[number];

/**
 * The explorer's filters, shared by the grouped view, its tickets and its lines. Dates are local
 * dates in each branch's time zone, both ends included.
 */
export const salesFilterSchema = z
  .object({
    /** Comma-separated branch ids; all the manager's branches when absent. */
    branches: z.string().max(2000).optional(),
    from: localDate,
    to: localDate,
    cashier: id.optional(),
    device: id.optional(),
    product: id.optional(),
    category: z.string().min(1).max(100).optional(),
    tender: z.enum(ticketTenders).optional(),
    refundsOnly: z
      .enum(['true', 'false'])
      .optional()
      .transform((v) => v === 'true'),
  })
  .refine((f) => f.from <= f.to, { message: 'from must not be after to', path: ['from'] })
  .refine((f) => Date.parse(`${f.to}T00:00:00Z`) - Date.parse(`${f.from}T00:00:00Z`) <= 400 * 86_400_000, {
    message: 'a range of at most 400 days',
    path: ['to'],
  });
export type SalesFilter = z.infer<typeof salesFilterSchema>;

export const explorerQuerySchema = salesFilterSchema.and(z.object({ groupBy: z.enum(explorerGroups) }));
export type ExplorerQuery = z.infer<typeof explorerQuerySchema>;

/**
 * Totals of a set of tickets, tax-inclusive, in minor units; refunds count negative.
 * gross − discounts = sales total; tax + net = sales total.
 */
export const salesTotalsSchema = z.object({
  grossCents: z.number().int(),
  discountCents: z.number().int(),
  taxCents: z.number().int(),
  netCents: z.number().int(),
  /** gross − discounts: what the tickets took in. */
  totalCents: z.number().int(),
  /**
   * Articles: a line of a weighed product (counted with decimals) is one, a product sold by the piece
   * counts its pieces (server/reports/category-summary.ts lineArticles). Grouped by product, a row's
   * units are that product's quantity in its smallest unit (grams of a kg product); the totals stay articles.
   */
  units: z.number().int(),
  /** Sales (not refunds). */
  tickets: z.number().int(),
  refunds: z.number().int(),
});
export type SalesTotals = z.infer<typeof salesTotalsSchema>;

export const explorerRowSchema = salesTotalsSchema.extend({
  /** The group's key: a date, a week's Monday, YYYY-MM, an id, a category or a tender. */
  key: z.string(),
  label: z.string(),
});
export type ExplorerRow = z.infer<typeof explorerRowSchema>;

export const explorerResponseSchema = z.object({
  currency: z.string(),
  groupBy: z.enum(explorerGroups),
  rows: z.array(explorerRowSchema),
  totals: salesTotalsSchema,
});
export type ExplorerResponse = z.infer<typeof explorerResponseSchema>;

export const ticketsQuerySchema = salesFilterSchema.and(
  z.object({
    /** nextCursor of the previous page. */
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  }),
);
export type TicketsQuery = z.infer<typeof ticketsQuerySchema>;

export const ticketRowSchema = z.object({
  id: z.string(),
  kind: z.enum(['sale', 'refund']),
  receiptNumber: z.string(),
  branchId: z.string(),
  branchName: z.string(),
  deviceId: z.string(),
  deviceName: z.string(),
  cashierName: z.string(),
  /** Sale time (device clock, never later than the server received it). */
  soldAt: z.string(),
  localDate: z.string(),
  tender: z.enum(ticketTenders),
  /** Articles of the ticket: one per weighed line, the pieces of the others. */
  units: z.number().int(),
  totalCents: z.number().int(),
});
export type TicketRow = z.infer<typeof ticketRowSchema>;

export const ticketsResponseSchema = z.object({
  tickets: z.array(ticketRowSchema),
  nextCursor: z.string().nullable(),
});
export type TicketsResponse = z.infer<typeof ticketsResponseSchema>;

/** The seed dashboard's columns, one sale line each. */
export const saleLineRowSchema = z.object({
  saleId: z.string(),
  lineNo: z.number().int(),
  receiptNumber: z.string(),
  kind: z.enum(['sale', 'refund']),
  soldAt: z.string(),
  localDate: z.string(),
  branchId: z.string(),
  branchName: z.string(),
  productId: z.string(),
  productName: z.string(),
  quantity: z.number().int(),
  /** The line's total as the device reported it. */
  reportedCents: z.number().int(),
  /** Quantity × the master unit price in force at sale time; null when the catalogue has no price. */
  masterCents: z.number().int().nullable(),
  /** reported − master. */
  differenceCents: z.number().int().nullable(),
});
export type SaleLineRow = z.infer<typeof saleLineRowSchema>;

export const linesResponseSchema = z.object({
  lines: z.array(saleLineRowSchema),
  nextCursor: z.string().nullable(),
});
export type LinesResponse = z.infer<typeof linesResponseSchema>;

export const ticketDetailSchema = z.object({
  id: z.string(),
  kind: z.enum(['sale', 'refund']),
  refundOf: z.string().nullable(),
  receiptNumber: z.string(),
  branchId: z.string(),
  branchName: z.string(),
  receiptHeader: z.string(),
  receiptFooter: z.string(),
  deviceId: z.string(),
  deviceName: z.string(),
  cashierName: z.string(),
  soldAt: z.string(),
  receivedAt: z.string(),
  currency: z.string(),
  lines: z.array(
    z.object({
      lineNo: z.number().int(),
      productId: z.string(),
      name: z.string(),
      quantity: z.number().int(),
      /** How the line was counted, as the tablet sold it (quantity in 10^-quantityDecimals of the unit). */
      unit: productUnitSchema,
      quantityDecimals: z.number().int(),
      unitPriceCents: z.number().int(),
      taxRateBp: z.number().int(),
      discountCents: z.number().int(),
      discountReason: z.string().nullable(),
      lineTotalCents: z.number().int(),
      masterUnitCents: z.number().int().nullable(),
    }),
  ),
  payments: z.array(
    z.object({
      /** 'exchange': the returned goods' worth carried between an exchange's tickets, not money (SPEC S14). */
      method: z.enum(['cash', 'card', 'exchange']),
      amountCents: z.number().int(),
      tenderedCents: z.number().int().nullable(),
    }),
  ),
  taxes: z.array(
    z.object({
      taxRateBp: z.number().int(),
      grossCents: z.number().int(),
      taxCents: z.number().int(),
      netCents: z.number().int(),
    }),
  ),
  totalCents: z.number().int(),
  /** The whole-ticket discount the cashier gave (already inside the lines' discounts), or null. */
  ticketDiscount: ticketDiscountSchema.nullable(),
  /** Supervisors' approvals the ticket carried (discount above the limit, changed price, …). */
  approvals: z.array(approvalSchema),
  /**
   * The other ticket of an exchange (SPEC S14: the sale names its refund, the refund its sale); its
   * receipt number is null while it has not reached the server. Null for any other ticket.
   */
  exchangeWith: z.object({ id: z.string(), receiptNumber: z.string().nullable() }).nullable(),
  movements: z.array(
    z.object({
      id: z.string(),
      seq: z.number().int(),
      productId: z.string(),
      delta: z.number().int(),
      kind: z.string(),
      actor: z.string(),
      reason: z.string(),
      createdAt: z.string(),
    }),
  ),
});
export type TicketDetail = z.infer<typeof ticketDetailSchema>;

/** The seed's manual sale form: recorded as a sale of the branch, through the same ingest as a tablet's. */
export const manualSaleRequestSchema = z.object({
  branchId: id,
  productId: id,
  /** In the product's smallest unit, as a sale line's (grams of a kg product with 3 decimals). */
  quantity: z.number().int().positive().max(100000),
  /** Unit price charged, tax-inclusive, in minor units, per whole unit (per kg); the line follows shared/sale/line-amount.ts. */
  unitPriceCents: z.number().int().positive().max(1e10),
  /** When the sale happened (not in the future). */
  at: z.iso.datetime({ offset: true }),
  tender: z.enum(['cash', 'card']).default('cash'),
});
export type ManualSaleRequest = z.infer<typeof manualSaleRequestSchema>;

export const manualSaleResponseSchema = z.object({
  saleId: z.string(),
  receiptNumber: z.string(),
  appliedSeq: z.number().int(),
  /** Whether the sale opened a reconciliation item (price mismatch or oversell). */
  reconciliationOpened: z.boolean(),
});
export type ManualSaleResponse = z.infer<typeof manualSaleResponseSchema>;
