import { z } from 'zod';

export const shiftsReportQuerySchema = z.object({
  /** Comma-separated branch ids; all the manager's branches when absent. */
  branches: z.string().max(2000).optional(),
  status: z.enum(['open', 'closed', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ShiftsReportQuery = z.infer<typeof shiftsReportQuerySchema>;

export const shiftRowSchema = z.object({
  shiftId: z.string(),
  branchId: z.string(),
  branchName: z.string(),
  currency: z.string(),
  deviceId: z.string(),
  deviceName: z.string(),
  cashierName: z.string(),
  status: z.enum(['open', 'closed']),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  floatCents: z.number().int(),
  cashSalesCents: z.number().int(),
  cardSalesCents: z.number().int(),
  cashRefundsCents: z.number().int(),
  cashInCents: z.number().int(),
  cashOutCents: z.number().int(),
  expectedCashCents: z.number().int(),
  countedCashCents: z.number().int().nullable(),
  overShortCents: z.number().int().nullable(),
  salesCount: z.number().int(),
  refundsCount: z.number().int(),
  /** Drawer opens with no sale, each approved by a supervisor on the tablet. */
  noSaleCount: z.number().int(),
  /** The notes and coins counted at the close; empty while open or when the total was typed. */
  denominations: z.array(z.object({ valueCents: z.number().int(), count: z.number().int() })),
  /** Whether |over/short| is above the branch's largest difference allowed. */
  overLimit: z.boolean(),
});
export type ShiftRow = z.infer<typeof shiftRowSchema>;

export const shiftsReportResponseSchema = z.object({ shifts: z.array(shiftRowSchema) });
export type ShiftsReportResponse = z.infer<typeof shiftsReportResponseSchema>;

export const reportSettingsSchema = z.object({
  branchId: z.string(),
  /** IANA time zone of the branch: its days, hours and "today" (changed on the branch's page). */
  timeZone: z.string(),
  /** Largest cash over/short at a shift's close, in minor units, before it opens a reconciliation item. */
  maxCashDifferenceCents: z.number().int().nonnegative(),
});
export type ReportSettings = z.infer<typeof reportSettingsSchema>;

export const reportSettingsPatchSchema = z.object({
  maxCashDifferenceCents: z.number().int().nonnegative().max(1e9),
});
export type ReportSettingsPatch = z.infer<typeof reportSettingsPatchSchema>;
