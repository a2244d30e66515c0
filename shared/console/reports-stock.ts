import { z } from 'zod';

const id = z.string().min(1).max(100);

/** A product's stock at a location over a time range, for the ledger page's chart. */
export const stockHistoryQuerySchema = z
  .object({
    locationId: id,
    productId: id,
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
  })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: 'from must be before to', path: ['from'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 400 * 86_400_000, {
    message: 'a range of at most 400 days',
    path: ['to'],
  });
export type StockHistoryQuery = z.infer<typeof stockHistoryQuerySchema>;

/** A time when one of the branch's tablets could not reach the server (server/reports/offline-periods.ts). */
export const offlinePeriodSchema = z.object({
  deviceId: z.string(),
  deviceName: z.string(),
  from: z.string(),
  to: z.string(),
  /** Still offline now: `to` is the moment of the answer. */
  ongoing: z.boolean(),
});
export type OfflinePeriod = z.infer<typeof offlinePeriodSchema>;

export const stockHistoryResponseSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** The level at `from`, from every movement recorded before it. */
  startLevel: z.number().int(),
  /** The level after the movements up to each instant, oldest first; several movements close together share a point. */
  points: z.array(z.object({ at: z.string(), level: z.number().int() })),
  /** How many ledger movements the points summarize. */
  movements: z.number().int(),
  lowest: z.number().int(),
  highest: z.number().int(),
  /** Empty for the central warehouse, which has no tablets. */
  offline: z.array(offlinePeriodSchema),
});
export type StockHistoryResponse = z.infer<typeof stockHistoryResponseSchema>;
