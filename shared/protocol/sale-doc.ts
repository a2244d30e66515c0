import { z } from 'zod';

export const saleLineSchema = z.object({
  productId: z.string().min(1).max(64),
  /** Name and price as sold, so the receipt and the ledger never change with the catalogue. */
  name: z.string().min(1).max(200),
  quantity: z.number().int().positive().max(100000),
  unitPriceCents: z.number().int().nonnegative().max(1e9),
  lineTotalCents: z.number().int().nonnegative().max(1e12),
});
export type SaleLine = z.infer<typeof saleLineSchema>;

export const paymentSchema = z.object({
  method: z.enum(['cash', 'card']),
  amountCents: z.number().int().positive().max(1e12),
});
export type Payment = z.infer<typeof paymentSchema>;

/**
 * A sale as the device writes it: immutable once committed. The id is a UUIDv7 made on the
 * device; deviceSeq is the device's own counter. Branch and device are checked against the
 * device token by the server, never taken on the device's word.
 */
export const saleDocSchema = z.object({
  id: z.uuid(),
  branchId: z.string().min(1).max(64),
  deviceId: z.string().min(1).max(64),
  deviceSeq: z.number().int().positive(),
  receiptNumber: z.string().min(1).max(64),
  cashierName: z.string().max(100),
  /** Device clock, for display only (DESIGN invariant 5). */
  createdAt: z.iso.datetime({ offset: true }),
  currency: z.string().length(3),
  lines: z.array(saleLineSchema).min(1).max(500),
  totalCents: z.number().int().nonnegative().max(1e12),
  payments: z.array(paymentSchema).min(1).max(10),
  _deleted: z.boolean(),
});
export type SaleDoc = z.infer<typeof saleDocSchema>;
