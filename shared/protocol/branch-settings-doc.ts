import { z } from 'zod';

/** One document per branch, set by managers, read by the branch's devices. */
export const branchSettingsDocSchema = z.object({
  /** The branch id. */
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  locationId: z.string().min(1).max(64),
  currency: z.string().length(3),
  /** Seed's trade-off: selling past zero is allowed with a warning unless a manager turns it off. */
  allowOversell: z.boolean(),
  /** Seconds without a touch before the POS locks and asks for a PIN. */
  idleLockSeconds: z.number().int().min(15).max(3600),
  receiptHeader: z.string().max(500),
  receiptFooter: z.string().max(500),
  _deleted: z.boolean(),
});
export type BranchSettingsDoc = z.infer<typeof branchSettingsDocSchema>;
