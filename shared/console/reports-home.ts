import { z } from 'zod';

/**
 * Sales figures of one local day. Sales and refunds are kept apart; revenue is what sales took
 * minus what refunds gave back, all tax-inclusive, in minor units of the branch's currency.
 */
export const dayFiguresSchema = z.object({
  /** Σ sale totals − Σ refund totals. */
  revenueCents: z.number().int(),
  /** Sales (not refunds). */
  tickets: z.number().int(),
  /** Σ sale totals / tickets, rounded; 0 without tickets. */
  averageTicketCents: z.number().int(),
  /** Articles sold minus articles refunded: a weighed line is one, pieces count themselves (never grams). */
  units: z.number().int(),
  refundsCount: z.number().int(),
  refundsCents: z.number().int(),
});
export type DayFigures = z.infer<typeof dayFiguresSchema>;

/** Why a device holds a branch's figures back. */
export const deviceCompletenessSchema = z.object({
  deviceId: z.string(),
  deviceName: z.string(),
  /** Up to when this device has delivered every sale (server clock), null before it ever reported. */
  deliveredThrough: z.string().nullable(),
  /** Unsent sales the device reported last. */
  pendingCount: z.number().int(),
  pendingValueCents: z.number().int(),
  /** Whether it said it was online in its last report and that report is recent. */
  online: z.boolean(),
});
export type DeviceCompleteness = z.infer<typeof deviceCompletenessSchema>;

export const completenessSchema = z.object({
  /** Every device of the branch has delivered its sales up to this instant (ISO); null: a device never reported. */
  completeThrough: z.string().nullable(),
  /** The devices that hold it back (the earliest first), for the tooltip; empty when it is now. */
  laggingDevices: z.array(deviceCompletenessSchema),
});
export type Completeness = z.infer<typeof completenessSchema>;

export const hourFiguresSchema = z.object({
  hour: z.number().int().min(0).max(23),
  todayCents: z.number().int(),
  weekAgoCents: z.number().int(),
});

export const topProductSchema = z.object({
  productId: z.string(),
  name: z.string(),
  /** The product's quantity, in its smallest unit (grams of a kg product). */
  units: z.number().int(),
  revenueCents: z.number().int(),
});
export type TopProduct = z.infer<typeof topProductSchema>;

export const branchHomeSchema = z.object({
  branchId: z.string(),
  branchName: z.string(),
  currency: z.string(),
  timeZone: z.string(),
  /** Today's local date in the branch's time zone. */
  date: z.string(),
  /** The same weekday a week before. */
  compareDate: z.string(),
  today: dayFiguresSchema,
  weekAgo: dayFiguresSchema,
  /** The week-ago figures up to the same local time of day, for a fair comparison while today is running. */
  weekAgoSoFar: dayFiguresSchema,
  byHour: z.array(hourFiguresSchema),
  completeness: completenessSchema,
});
export type BranchHome = z.infer<typeof branchHomeSchema>;

export const attentionItemSchema = z.object({
  id: z.string(),
  kind: z.string(),
  branchId: z.string().nullable(),
  /** The server's own summary is English; the console words the item from its figures. */
  summary: z.string(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});

export const attentionDeviceSchema = z.object({
  deviceId: z.string(),
  deviceName: z.string(),
  branchId: z.string(),
  reason: z.enum(['offline_with_sales', 'breaker_open', 'rejected_documents', 'silent']),
  pendingCount: z.number().int(),
  pendingValueCents: z.number().int(),
  lastReportAt: z.string().nullable(),
});

export const homeQuerySchema = z.object({
  /** Comma-separated branch ids; all the manager's branches when absent. */
  branches: z.string().max(2000).optional(),
});

export const homeResponseSchema = z.object({
  generatedAt: z.string(),
  branches: z.array(branchHomeSchema),
  /** Chain totals per currency (a chain normally has one). */
  chain: z.array(
    z.object({
      currency: z.string(),
      today: dayFiguresSchema,
      weekAgo: dayFiguresSchema,
      weekAgoSoFar: dayFiguresSchema,
    }),
  ),
  topProducts: z.array(topProductSchema),
  openItems: z.object({ count: z.number().int(), newest: z.array(attentionItemSchema) }),
  devicesNeedingAttention: z.array(attentionDeviceSchema),
});
export type HomeResponse = z.infer<typeof homeResponseSchema>;
