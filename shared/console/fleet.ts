import { z } from 'zod';
import { deviceHealthSchema } from './device-health';
import { scaleLabelLayoutSchema } from '../protocol/scale-label-layout';

/** Console ↔ server messages of the fleet: branches (create, edit) and devices (pair, rename, revoke, health board). */

const id = z.string().trim().min(1).max(64);

/** Seconds of no use before a tablet locks, as a manager sets them. */
export const idleLockSecondsSchema = z
  .number()
  .int()
  .min(15, 'The idle lock needs at least 15 seconds.')
  .max(3600, 'The idle lock is at most 3600 seconds (one hour).');

/** Largest discount a cashier gives without a supervisor's approval, in basis points (1000 = 10 %). */
export const maxDiscountBpSchema = z
  .number()
  .int('The discount limit is a whole number of basis points (1000 = 10 %).')
  .min(0, 'The discount limit cannot be below 0 %.')
  .max(10000, 'The discount limit is at most 100 %.');

/** An IANA time zone the server's Intl knows, like America/Mexico_City or UTC. */
export const timeZoneSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'Choose a time zone from the list, like America/Mexico_City.');

const currencySchema = z
  .string()
  .trim()
  .regex(/^[A-Z]{3}$/, 'The currency is a 3-letter ISO code, like USD or MXN.');

/** The product fields a branch's tablets may be allowed to edit. */
export const TABLET_EDITABLE_FIELDS = ['sku', 'barcode', 'name', 'category', 'priceCents', 'taxRateBp'] as const;

/** PATCH /api/console/branches/:id — any subset; the branch's tablets pull the change. */
export const branchEditSchema = z
  .object({
    name: z.string().trim().min(1, 'The branch needs a name.').max(200),
    currency: currencySchema,
    timeZone: timeZoneSchema,
    /** The oversell policy: true lets tablets sell below zero offline (each oversell opens a reconciliation item). */
    allowOversell: z.boolean(),
    productEditFields: z.array(z.enum(TABLET_EDITABLE_FIELDS)).max(10),
    idleLockSeconds: idleLockSecondsSchema,
    receiptHeader: z.string().max(500),
    receiptFooter: z.string().max(500),
    maxDiscountBp: maxDiscountBpSchema,
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change.');
export type BranchEdit = z.infer<typeof branchEditSchema>;

/** A branch as the console shows it (GET/POST /api/console/branches, PATCH /api/console/branches/:id). */
export const branchViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  locationId: z.string(),
  receiptPrefix: z.string(),
  currency: z.string(),
  timeZone: z.string(),
  settings: z.object({
    allowOversell: z.boolean(),
    idleLockSeconds: z.number().int(),
    receiptHeader: z.string(),
    receiptFooter: z.string(),
    productEditFields: z.array(z.enum(TABLET_EDITABLE_FIELDS)),
    /** Selling needs an open shift on the tablet. */
    requireOpenShift: z.boolean(),
    /** Largest discount without a supervisor's approval, in basis points. */
    maxDiscountBp: z.number().int(),
    /** How the branch's scales print weight and price labels. */
    scaleLabels: scaleLabelLayoutSchema,
  }),
  seq: z.number().int(),
});
export type BranchView = z.infer<typeof branchViewSchema>;

/** POST /api/console/devices/pairing-codes */
export const pairingCodeRequestSchema = z.object({ branchId: id });
export const pairingCodeResponseSchema = z.object({
  branchId: z.string(),
  /** Shown as text, e.g. ABCD-1234; works once. */
  code: z.string(),
  expiresAt: z.string(),
  /** Path of the POS with the code filled in, for the QR code (prefix the server's address). */
  posPath: z.string(),
});
export type PairingCodeResponse = z.infer<typeof pairingCodeResponseSchema>;
/** The POS reads the pairing code from this query parameter of /pos. */
export { POS_PAIRING_CODE_PARAM } from '../protocol/pairing';

/** PATCH /api/console/devices/:id */
export const deviceRenameSchema = z.object({
  name: z.string().trim().min(1, 'Give the tablet a name, like “Caja 1”.').max(100),
});

/** What the device last reported it still holds: the revoke warning names it. */
export const unsyncedReportSchema = z.object({
  count: z.number().int(),
  valueCents: z.number().int(),
  /** Device clock of its oldest unsynced sale, when the device reports it. */
  oldestAt: z.string().nullable(),
  /** Server clock of the report. */
  reportedAt: z.string(),
});

/** POST /api/console/devices/:id/revoke */
export const revokeResponseSchema = z.object({
  deviceId: z.string(),
  revokedAt: z.string(),
  alreadyRevoked: z.boolean(),
  /** null when the device never reported; count 0 when it reported nothing unsynced. */
  unsynced: unsyncedReportSchema.nullable(),
});
export type RevokeResponse = z.infer<typeof revokeResponseSchema>;

export const FLEET_ATTENTION_REASONS = [
  /** Unsynced sales and no contact for longer than the alert setting: the alert. */
  'unsynced_stale',
  'breaker_open',
  'rejected_documents',
  'storage_not_persistent',
  'offline',
  'never_reported',
] as const;
export type FleetAttentionReason = (typeof FLEET_ATTENTION_REASONS)[number];

export const fleetDeviceSchema = deviceHealthSchema.extend({
  /** Contacted the server (any authenticated call, server clock) within the last few minutes. */
  online: z.boolean(),
  unsyncedCount: z.number().int(),
  unsyncedValueCents: z.number().int(),
  /** Minutes since the oldest unsynced sale (its time is the device clock: display only); null when unknown or none. */
  oldestUnsyncedMinutes: z.number().int().nullable(),
  breaker: z.enum(['closed', 'open', 'half_open']).nullable(),
  /** Device clock of its last successful exchange (display only). */
  lastSyncAt: z.string().nullable(),
  persistentStorage: z.boolean().nullable(),
  /** Catalogue server sequence the device has applied, when it reports it. */
  catalogueSeq: z.number().int().nullable(),
  /** Unsynced sales and no contact for longer than alertAfterMinutes. */
  alert: z.boolean(),
  /** Why it needs attention, most urgent first; empty when it is fine. */
  attention: z.array(z.enum(FLEET_ATTENTION_REASONS)),
});
export type FleetDevice = z.infer<typeof fleetDeviceSchema>;

/** GET /api/console/fleet */
export const fleetQuerySchema = z.object({
  branchId: id.optional(),
  /** true: only devices that need attention. */
  attention: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  includeRevoked: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const fleetResponseSchema = z.object({
  /** Alerts first, then other attention, then the rest; by branch and number within each. */
  devices: z.array(fleetDeviceSchema),
  /** In the whole filtered fleet, not only this page. */
  alertCount: z.number().int(),
  attentionCount: z.number().int(),
  /** The FLEET_ALERT_MINUTES setting. */
  alertAfterMinutes: z.number().int(),
  nextOffset: z.number().int().nullable(),
});
export type FleetResponse = z.infer<typeof fleetResponseSchema>;
