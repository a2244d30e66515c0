import { z } from 'zod';
import { approvalSchema } from './approval';
import { productUnitSchema } from './product-doc';

const cents = z.number().int().nonnegative().max(1e12);

export const saleLineSchema = z.object({
  productId: z.string().min(1).max(64),
  /** Name and price as sold, so the receipt and the ledger never change with the catalogue. */
  name: z.string().min(1).max(200),
  quantity: z.number().int().positive().max(100000),
  /** Tax-inclusive unit price from the catalogue at sale time; the server compares it with the master price. */
  unitPriceCents: cents,
  /** Tax rate in basis points included in the price (1600 = 16 %). */
  taxRateBp: z.number().int().min(0).max(10000),
  /** Line discount in cents, already worked out from an amount or a percent (shared/sale). */
  discountCents: cents,
  discountReason: z.string().max(200).nullable(),
  /** unitPriceCents × quantity − discountCents, the gross rounded once per line (shared/sale/line-amount.ts). */
  lineTotalCents: cents,
  /** How the product was counted; absent on tickets from before weighed products: by the piece. */
  unit: productUnitSchema.optional(),
  /** quantity is an integer of 10^-quantityDecimals units (grams of a kg product with 3); absent: 0. */
  quantityDecimals: z.number().int().min(0).max(3).optional(),
  /** The price a price-embedded scale label printed: the line's worth, its quantity derived from it. */
  labelPriceCents: cents.nullable().optional(),
  /** The part of discountCents that is this line's share of the whole-ticket discount (shared/sale/ticket-discount.ts). */
  ticketDiscountCents: cents.optional(),
  /** The catalogue price when the cashier changed it (with a supervisor's approval); null when not changed. */
  overriddenFromCents: cents.nullable().optional(),
});
export type SaleLine = z.infer<typeof saleLineSchema>;

export const paymentSchema = z.object({
  /**
   * 'exchange' (sales version 2) is not money: the worth of the goods an exchange took back, carried
   * from its refund to its sale (SPEC S14). Cash reports and tender splits count only cash and card.
   */
  method: z.enum(['cash', 'card', 'exchange']),
  /** The part of the total this tender pays. */
  amountCents: z.number().int().positive().max(1e12),
  /** Cash handed over (≥ amountCents); the difference is the change given. Null for card and exchange. */
  tenderedCents: cents.nullable(),
});
export type Payment = z.infer<typeof paymentSchema>;

/** A discount on the whole ticket, as the cashier gave it; its cents are spread over the lines. */
export const ticketDiscountSchema = z.object({
  kind: z.enum(['amount', 'percent']),
  /** The percent typed, in basis points; null for an amount. */
  basisPoints: z.number().int().min(0).max(10000).nullable(),
  cents,
  reason: z.string().trim().min(1).max(200),
});
export type TicketDiscount = z.infer<typeof ticketDiscountSchema>;

/**
 * A sale or a refund as the device writes it: immutable once committed. The id is a UUIDv7
 * made on the device; deviceSeq is the device's own counter, shared by sales and refunds so
 * every ticket has one receipt number. Branch and device are checked against the device token by
 * the server, never taken on the device's word.
 *
 * A refund (kind 'refund') lists the units returned with the prices they were sold at, its
 * payments are the money given back, and refundOf names the original sale. Sale lines move stock
 * down, refund lines move it back up.
 *
 * An exchange (sales version 2, SPEC S14) is a refund of the lines brought back and a sale of the
 * lines taken instead, written by one journal transaction, each naming the other in exchangeWith.
 * The refund's worth pays the sale by an 'exchange' tender on both; only the difference is money.
 */
export const saleDocSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['sale', 'refund']),
  refundOf: z.uuid().nullable(),
  branchId: z.string().min(1).max(64),
  deviceId: z.string().min(1).max(64),
  deviceSeq: z.number().int().positive(),
  receiptNumber: z.string().min(1).max(64),
  cashierId: z.string().max(64).nullable(),
  cashierName: z.string().max(100),
  shiftId: z.string().max(64).nullable(),
  /** Device clock, for display only (DESIGN invariant 5). */
  createdAt: z.iso.datetime({ offset: true }),
  currency: z.string().length(3),
  lines: z.array(saleLineSchema).min(1).max(500),
  totalCents: cents,
  payments: z.array(paymentSchema).min(1).max(10),
  /**
   * Sales collection version 1: the whole-ticket discount, and the supervisors' approvals the ticket
   * needed. Optional (absent = none), so a ticket of version 0 keeps its content and its hash (SPEC S2).
   */
  ticketDiscount: ticketDiscountSchema.nullable().optional(),
  approvals: z.array(approvalSchema).max(12).optional(),
  /**
   * Sales collection version 2: the other half of an exchange (the sale names its refund and the
   * refund its sale). Absent on every other ticket, so a version 1 ticket keeps its hash (SPEC S2).
   */
  exchangeWith: z.uuid().nullable().optional(),
  _deleted: z.boolean(),
});
export type SaleDoc = z.infer<typeof saleDocSchema>;

/** Stock change of one line: a sale takes units out, a refund puts them back. */
export function lineStockDelta(kind: SaleDoc['kind'], line: Pick<SaleLine, 'quantity'>): number {
  return kind === 'sale' ? -line.quantity : line.quantity;
}
