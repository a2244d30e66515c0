import { z } from 'zod';

const transferLineSchema = z.object({
  productId: z.string().min(1).max(64),
  quantity: z.number().int().positive().max(1e9),
});

/** A transfer of stock between locations, made in the console; the receiving branch sees it. */
export const transferDocSchema = z.object({
  id: z.string().min(1).max(64),
  fromLocationId: z.string().min(1).max(64),
  toLocationId: z.string().min(1).max(64),
  lines: z.array(transferLineSchema).min(1).max(500),
  status: z.enum(['sent', 'received', 'cancelled']),
  note: z.string().max(500),
  /** Server time. */
  sentAt: z.iso.datetime({ offset: true }),
  _deleted: z.boolean(),
});
export type TransferDoc = z.infer<typeof transferDocSchema>;

/**
 * The branch's word that a transfer arrived, with what actually arrived per line; the server
 * applies transfer-in movements and opens a discrepancy item when it differs from what was sent.
 */
export const transferReceiptDocSchema = z.object({
  id: z.uuid(),
  transferId: z.string().min(1).max(64),
  branchId: z.string().min(1).max(64),
  deviceId: z.string().min(1).max(64),
  cashierId: z.string().max(64).nullable(),
  lines: z
    .array(z.object({ productId: z.string().min(1).max(64), quantity: z.number().int().nonnegative().max(1e9) }))
    .min(1)
    .max(500),
  receivedAt: z.iso.datetime({ offset: true }),
  _deleted: z.boolean(),
});
export type TransferReceiptDoc = z.infer<typeof transferReceiptDocSchema>;
