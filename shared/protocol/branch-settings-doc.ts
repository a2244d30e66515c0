import { z } from 'zod';
import { MAX_QUICK_KEYS, quickKeySchema } from './quick-key';
import { DEFAULT_SCALE_LABEL_LAYOUT, scaleLabelLayoutSchema } from './scale-label-layout';

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
  /** How the branch's scales print weight and price labels (schema version 1). */
  scaleLabels: scaleLabelLayoutSchema,
  /** Largest discount a cashier gives without a supervisor's approval, in basis points (schema version 1). */
  maxDiscountBp: z.number().int().min(0).max(10000),
  /** Selling needs an open shift on the tablet (schema version 1). */
  requireOpenShift: z.boolean(),
  /** Largest over/short at a shift's close without a supervisor's approval, in minor units (schema version 1). */
  maxCashDifferenceCents: z.number().int().min(0).max(1e9),
  /** The favourites page of the sell screen, in order (schema version 1). */
  quickKeys: z.array(quickKeySchema).max(MAX_QUICK_KEYS),
  _deleted: z.boolean(),
});
export type BranchSettingsDoc = z.infer<typeof branchSettingsDocSchema>;

/**
 * What a settings document of schema version 0 gets when it is upgraded to version 1 (on an
 * installed tablet, and on the server for a push of version 0): every field version 1 added, with
 * the value a branch has until a manager changes it. Add a field of version 1 here.
 */
export const SETTINGS_V1_DEFAULTS = {
  scaleLabels: DEFAULT_SCALE_LABEL_LAYOUT,
  maxDiscountBp: 10000,
  requireOpenShift: false,
  maxCashDifferenceCents: 2000,
  quickKeys: [],
} satisfies Partial<BranchSettingsDoc>;
