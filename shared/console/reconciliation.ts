import { z } from 'zod';
import { nonZeroDeltaSchema } from './ledger-api';

/** Console ↔ server messages of the reconciliation queue (list, assign, resolve with a correction, history). */

const id = z.string().trim().min(1).max(64);

export const RECONCILIATION_KINDS = [
  'oversell',
  'price_mismatch',
  'count_discrepancy',
  'double_refund',
  'transfer_discrepancy',
  'sync_conflict',
  'refused_document',
  'cash_difference',
  'unapproved_ticket',
  'unapproved_shift_event',
  'unit_mismatch',
] as const;
export const RECONCILIATION_STATUSES = ['open', 'assigned', 'resolved'] as const;

/** Opaque cursor of a newest-first list: `<seq>.<id>` of the last row of the previous page. */
const cursor = z
  .string()
  .regex(/^\d{1,15}\.[^\s]{1,140}$/, 'The cursor is not one this server gave out; start from the first page.');

/** GET /api/console/reconciliation — every filter is applied on the server, newest first, by cursor. */
export const reconciliationQuerySchema = z.object({
  status: z.enum(RECONCILIATION_STATUSES).optional(),
  kind: z.enum(RECONCILIATION_KINDS).optional(),
  branchId: id.optional(),
  /** A manager id, `me` (the one asking) or `nobody` (not assigned). */
  assignedTo: id.optional(),
  cursor: cursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ReconciliationQuery = z.infer<typeof reconciliationQuerySchema>;

/** POST /api/console/reconciliation/:id/assign — to a manager of the item's branch (default: yourself). */
export const assignRequestSchema = z.object({ managerId: id.optional() });

/**
 * A correcting ledger entry made in the same step as the resolution: a delta (never a level) at
 * the item's location for the item's product unless others are named.
 */
export const resolutionCorrectionSchema = z.object({
  locationId: id.optional(),
  productId: id.optional(),
  delta: nonZeroDeltaSchema('A correction of 0 changes nothing; type how many units to add (+) or remove (−).'),
});

/** POST /api/console/reconciliation/:id/resolve */
export const resolveRequestSchema = z.object({
  note: z.string().trim().min(3, 'Write what was done to resolve it (at least 3 characters).').max(2000),
  correction: resolutionCorrectionSchema.optional(),
});
export type ResolveRequest = z.infer<typeof resolveRequestSchema>;

export const RECONCILIATION_EVENT_KINDS = ['opened', 'assigned', 'resolved', 'corrected'] as const;

/** One step in an item's history (GET /api/console/reconciliation/:id/history), oldest first. */
export const reconciliationEventSchema = z.object({
  kind: z.enum(RECONCILIATION_EVENT_KINDS),
  at: z.string(),
  /** Manager id; null for what the server did itself (opening an item). */
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  /** assigned: who to; resolved: the note; corrected: the movement's reason. */
  note: z.string().nullable(),
  /** assigned: {managerId, managerName}; corrected: {locationId, productId, delta, level}; opened: the item's figures. */
  details: z.record(z.string(), z.unknown()),
  seq: z.number().int(),
});
export type ReconciliationEvent = z.infer<typeof reconciliationEventSchema>;
export const reconciliationHistorySchema = z.object({ itemId: z.string(), events: z.array(reconciliationEventSchema) });
export type ReconciliationHistory = z.infer<typeof reconciliationHistorySchema>;
