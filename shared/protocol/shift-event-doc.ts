import { z } from 'zod';

/**
 * Shifts are kept as immutable events, so they queue and sync like sales: open with a float,
 * cash in/out with a reason, close with the cash counted. The report is derived from the events
 * and the shift's sales (shiftId on each sale).
 */
export const shiftEventDocSchema = z.object({
  id: z.uuid(),
  shiftId: z.uuid(),
  kind: z.enum(['open', 'cash_in', 'cash_out', 'close']),
  branchId: z.string().min(1).max(64),
  deviceId: z.string().min(1).max(64),
  cashierId: z.string().max(64).nullable(),
  cashierName: z.string().max(100),
  /** open: the float; cash_in/cash_out: the amount; close: the cash counted. */
  amountCents: z.number().int().nonnegative().max(1e12),
  reason: z.string().max(200),
  /** Device clock, display only. */
  at: z.iso.datetime({ offset: true }),
  _deleted: z.boolean(),
});
export type ShiftEventDoc = z.infer<typeof shiftEventDocSchema>;
