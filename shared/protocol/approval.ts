import { z } from 'zod';

/** What a supervisor may be asked to approve on the tablet. */
export const APPROVAL_KINDS = [
  'discount',
  'price_override',
  'zero_total',
  'refund_without_receipt',
  'no_sale',
  'cash_difference',
] as const;
export const approvalKindSchema = z.enum(APPROVAL_KINDS);
export type ApprovalKind = z.infer<typeof approvalKindSchema>;

/**
 * A supervisor's yes, given on the tablet with their PIN (checked offline against the pulled hash).
 * Recorded on the document it allowed and sent to the centre with it; `at` is the device clock,
 * for display only (DESIGN invariant 5).
 */
export const approvalSchema = z.object({
  kind: approvalKindSchema,
  approverId: z.string().min(1).max(64),
  approverName: z.string().min(1).max(100),
  at: z.iso.datetime({ offset: true }),
  reason: z.string().trim().min(1).max(200),
});
export type Approval = z.infer<typeof approvalSchema>;
