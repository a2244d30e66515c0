import { z } from 'zod';
import { approvalSchema } from './approval';

/** How many of one note or coin were counted at a close (shared/cash/denominations.ts lists them per currency). */
export const denominationCountSchema = z.object({
  valueCents: z.number().int().positive().max(1e9),
  count: z.number().int().nonnegative().max(1e6),
});

/**
 * Shifts are kept as immutable events, so they queue and sync like sales: open with a float,
 * cash in/out with a reason, a drawer opened with no sale, close with the cash counted. The
 * report is derived from the events and the shift's sales (shiftId on each sale).
 */
export const shiftEventDocSchema = z.object({
  id: z.uuid(),
  shiftId: z.uuid(),
  kind: z.enum(['open', 'cash_in', 'cash_out', 'close', 'no_sale']),
  branchId: z.string().min(1).max(64),
  deviceId: z.string().min(1).max(64),
  cashierId: z.string().max(64).nullable(),
  cashierName: z.string().max(100),
  /** open: the float; cash_in/cash_out: the amount; close: the cash counted; no_sale: 0. */
  amountCents: z.number().int().nonnegative().max(1e12),
  reason: z.string().max(200),
  /** Device clock, display only. */
  at: z.iso.datetime({ offset: true }),
  /** close: the notes and coins counted, adding up to amountCents; empty when the total was typed (version 1). */
  denominations: z.array(denominationCountSchema).max(40),
  /** no_sale, and a close whose difference is beyond the branch's limit: the supervisor's yes (version 1). */
  approval: approvalSchema.nullable(),
  _deleted: z.boolean(),
});
export type ShiftEventDoc = z.infer<typeof shiftEventDocSchema>;
export type DenominationCountDoc = z.infer<typeof denominationCountSchema>;
