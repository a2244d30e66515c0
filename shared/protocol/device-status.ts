import { z } from 'zod';

/** What a device reports about its sync health, shown in the console and by the operator CLI. */
export const deviceStatusReportSchema = z.object({
  appVersion: z.string().max(50),
  online: z.boolean(),
  breaker: z.enum(['closed', 'open', 'half_open']),
  /** Sales the device holds and the server has not acknowledged (other documents are not counted). */
  pendingCount: z.number().int().nonnegative(),
  pendingValueCents: z.number().int().nonnegative(),
  rejectedCount: z.number().int().nonnegative(),
  /** Device clock of its last successful exchange with the server; display only. */
  lastSyncAt: z.iso.datetime({ offset: true }).nullable(),
  /** Device clock of the oldest sale it has not delivered yet; null when none. Optional: older POS builds omit it. */
  oldestPendingAt: z.iso.datetime({ offset: true }).nullable().optional(),
  /** Highest catalogue (products) server sequence the device has pulled and stored. Optional: older POS builds omit it. */
  catalogueSeq: z.number().int().nonnegative().nullable().optional(),
  storage: z.object({
    usageBytes: z.number().nonnegative().nullable(),
    quotaBytes: z.number().nonnegative().nullable(),
    persisted: z.boolean().nullable(),
  }),
});
export type DeviceStatusReport = z.infer<typeof deviceStatusReportSchema>;

export const DEVICE_STATUS_PATH = '/api/devices/status';
