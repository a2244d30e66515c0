import { z } from 'zod';
import { deviceStatusReportSchema } from '../protocol/device-status';

/** One paired device as the console and the operator CLI list it, with its last health report. */
export const deviceHealthSchema = z.object({
  id: z.string(),
  branchId: z.string(),
  branchName: z.string(),
  number: z.number().int(),
  name: z.string(),
  pairedAt: z.string(),
  revokedAt: z.string().nullable(),
  /** Server clock of the device's last authenticated call (written at most once a minute). */
  lastSeenAt: z.string().nullable(),
  /** The last report the device sent, and when the server received it; null before the first one. */
  status: deviceStatusReportSchema.extend({ receivedAt: z.string() }).nullable(),
});
export type DeviceHealth = z.infer<typeof deviceHealthSchema>;

export const deviceListQuerySchema = z.object({
  branchId: z.string().min(1).max(100).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const deviceListResponseSchema = z.object({
  devices: z.array(deviceHealthSchema),
  /** Pass as offset for the next page; null on the last page. */
  nextOffset: z.number().int().nullable(),
});
export type DeviceListResponse = z.infer<typeof deviceListResponseSchema>;
