import { z } from 'zod';
import type { RECONCILIATION_KINDS, RECONCILIATION_STATUSES } from './reconciliation';

/** Console ↔ server messages of the stock ledger and reconciliation (not part of the device protocol). */

const id = z.string().trim().min(1).max(64);

/** A change of stock by whole units, never 0 (`zeroMessage` says what to type instead). */
export function nonZeroDeltaSchema(zeroMessage: string) {
  return z
    .number()
    .int()
    .min(-1e9)
    .max(1e9)
    .refine((d) => d !== 0, zeroMessage);
}
const quantity = z.number().int().positive().max(1e9);
const stockLines = z
  .array(z.object({ productId: id, quantity }))
  .min(1, 'Add at least one product.')
  .max(500);

/** Goods received from a supplier at the centre or a branch: `receipt` movements. */
export const receiptRequestSchema = z.object({
  locationId: id,
  lines: stockLines,
  supplierNote: z.string().trim().min(1, 'Say which supplier or delivery note this is.').max(500),
});
export type ReceiptRequest = z.infer<typeof receiptRequestSchema>;

const transferFields = z.object({
  fromLocationId: id,
  toLocationId: id,
  lines: stockLines,
  note: z.string().trim().max(500).default(''),
});
const twoPlaces = {
  check: (t: { fromLocationId: string; toLocationId: string }) => t.fromLocationId !== t.toLocationId,
  params: { message: 'A transfer needs two different locations.', path: ['toLocationId'] },
};

/**
 * Stock sent from one location to another: `transfer_out` now, `transfer_in` when the destination
 * confirms. With `draft`, it is only written down: no stock moves and the tablets do not see it.
 */
export const transferRequestSchema = transferFields
  .extend({ draft: z.boolean().default(false) })
  .refine(twoPlaces.check, twoPlaces.params);
export type TransferRequest = z.infer<typeof transferRequestSchema>;

/** PUT /api/console/transfers/:id — a draft rewritten (route, lines, note); still no stock moves. */
export const transferDraftRequestSchema = transferFields.refine(twoPlaces.check, twoPlaces.params);
export type TransferDraftRequest = z.infer<typeof transferDraftRequestSchema>;

/** A transfer's state in the console: `in_transit` from sending until the destination confirms. */
export const TRANSFER_STATUSES = ['draft', 'in_transit', 'received', 'cancelled'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

/** What arrived of a transfer, confirmed in the console (a destination without tablets, e.g. the central warehouse). */
export const transferArrivalRequestSchema = z.object({
  lines: z
    .array(z.object({ productId: id, quantity: z.number().int().nonnegative().max(1e9) }))
    .min(1, 'List what arrived (0 for a product that did not arrive).')
    .max(500),
});
export type TransferArrivalRequest = z.infer<typeof transferArrivalRequestSchema>;

/** Calling back a transfer that has not arrived. */
export const cancelTransferRequestSchema = z.object({
  reason: z.string().trim().min(3, 'Say why the transfer is cancelled (at least 3 characters).').max(500),
});

/** A manager's correction of a level by a delta (never an absolute level), with the reason. */
export const correctionRequestSchema = z.object({
  locationId: id,
  productId: id,
  delta: nonZeroDeltaSchema('A correction of 0 changes nothing; type how many units to add (+) or remove (−).'),
  reason: z.string().trim().min(3, 'Say why the stock is corrected (at least 3 characters).').max(500),
});
export type CorrectionRequest = z.infer<typeof correctionRequestSchema>;

/** Opaque cursor of a newest-first list: `<seq>.<id>` of the last row of the previous page. */
export const cursorSchema = z
  .string()
  .regex(/^\d{1,15}\.[^\s]{1,140}$/, 'The cursor is not one this server gave out; start from the first page.');
const limit = z.coerce.number().int().min(1).max(200).default(50);

export const movementsQuerySchema = z.object({
  locationId: id.optional(),
  productId: id.optional(),
  cursor: cursorSchema.optional(),
  limit,
});
export const stockQuerySchema = z.object({ locationId: id, cursor: id.optional(), limit });
export const salesQuerySchema = z.object({ branchId: id.optional(), cursor: cursorSchema.optional(), limit });
export const transfersQuerySchema = z.object({
  locationId: id.optional(),
  /** 'sent' was the in-transit state's name before drafts; still understood. */
  status: z.enum([...TRANSFER_STATUSES, 'sent']).optional(),
  cursor: cursorSchema.optional(),
  limit,
});
export const shiftsQuerySchema = z.object({ branchId: id, limit });

export {
  assignRequestSchema,
  RECONCILIATION_KINDS,
  RECONCILIATION_STATUSES,
  reconciliationQuerySchema,
  resolveRequestSchema,
} from './reconciliation';

export interface MovementRow {
  id: string;
  seq: number;
  locationId: string;
  productId: string;
  productName: string;
  delta: number;
  kind: string;
  saleId: string | null;
  actor: string;
  reason: string;
  createdAt: string;
}

export interface ReconciliationItem {
  id: string;
  kind: (typeof RECONCILIATION_KINDS)[number];
  status: (typeof RECONCILIATION_STATUSES)[number];
  branchId: string | null;
  locationId: string;
  productId: string | null;
  saleId: string | null;
  documentId: string | null;
  summary: string;
  details: Record<string, unknown>;
  assignedTo: string | null;
  assignedToName: string | null;
  assignedAt: string | null;
  resolvedBy: string | null;
  resolvedByName: string | null;
  resolutionNote: string | null;
  resolvedAt: string | null;
  createdAt: string;
  updatedAt: string;
  seq: number;
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface TransferRow {
  id: string;
  fromLocationId: string;
  toLocationId: string;
  lines: { productId: string; quantity: number }[];
  /** What the branch confirmed, per line; null until received. */
  receivedLines: { productId: string; quantity: number }[] | null;
  status: TransferStatus;
  note: string;
  createdAt: string;
  /** null while a draft (and for a draft cancelled before it was sent). */
  sentAt: string | null;
  receivedAt: string | null;
  createdBy: string;
  seq: number;
}
