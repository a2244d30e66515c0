import { z } from 'zod';

/**
 * A stock count taken on the device (DESIGN invariants 3 and 6): what was counted and what the
 * device believed at that moment. The server applies counted − believed as a count adjustment
 * (never an absolute level) and opens a count-discrepancy item when it is not zero.
 */
export const countDocSchema = z.object({
  id: z.uuid(),
  branchId: z.string().min(1).max(64),
  deviceId: z.string().min(1).max(64),
  productId: z.string().min(1).max(64),
  /** What is on the shelf: never below zero (a level below zero is the ledger's to show, not a count). */
  countedQuantity: z.number().int().min(0, 'A count cannot be below zero: count what is on the shelf.').max(1e9),
  /** The displayed stock when counted (shared/stock/displayed-stock). */
  believedQuantity: z.number().int().min(-1e9).max(1e9),
  /** seq of the level the belief was built on, for the reconciliation item. */
  believedLevelSeq: z.number().int().nonnegative(),
  cashierId: z.string().max(64).nullable(),
  note: z.string().max(500),
  /** Device clock, display only. */
  countedAt: z.iso.datetime({ offset: true }),
  _deleted: z.boolean(),
});
export type CountDoc = z.infer<typeof countDocSchema>;

/** The movement a count makes on the device and on the server. */
export function countDelta(count: Pick<CountDoc, 'countedQuantity' | 'believedQuantity'>): number {
  return count.countedQuantity - count.believedQuantity;
}
