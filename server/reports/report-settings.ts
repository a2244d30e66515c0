import type { ReportSettings, ReportSettingsPatch } from '../../shared/console/reports-shifts';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { ApiError } from '../http/api-error';
import { reportTrx, type ReportDb, type ReportTrx } from './report-db';
import { rebuildCategorySummaries } from './category-summary';
import { rebuildReportSummaries } from './summary-rebuild';

/** A branch without a settings row counts its days in UTC, as its settings say (server/catalogue/branch-settings.ts). */
export const DEFAULT_TIME_ZONE = 'UTC';
/** 20.00 in the branch's currency. */
export const DEFAULT_MAX_CASH_DIFFERENCE_CENTS = 2000;

/** Time zone of each branch asked for: the branch's own setting (the console's branch page sets it). */
export async function timeZones(db: ReportDb | ReportTrx, branchIds: readonly string[]): Promise<Map<string, string>> {
  const zones = new Map(branchIds.map((id) => [id, DEFAULT_TIME_ZONE]));
  if (branchIds.length === 0) return zones;
  const rows = await db
    .selectFrom('branch_settings')
    .select(['branch_id', 'time_zone'])
    .where('branch_id', 'in', [...branchIds])
    .execute();
  for (const r of rows) if (r.time_zone) zones.set(r.branch_id, r.time_zone);
  return zones;
}

/**
 * The reports' hook in a branch's settings change: a new time zone moves the branch's sales to
 * other local days and hours, so its summaries are rebuilt from the ledger in the same transaction.
 */
export async function onBranchTimeZone(
  trx: Transaction<Database>,
  branchId: string,
  before: string,
  after: string,
): Promise<void> {
  if (before === after) return;
  await rebuildReportSummaries(reportTrx(trx), branchId);
  await rebuildCategorySummaries(reportTrx(trx), branchId);
}

export async function reportSettings(db: ReportDb, branchIds: readonly string[]): Promise<ReportSettings[]> {
  const rows =
    branchIds.length === 0
      ? []
      : await db
          .selectFrom('report_branch_settings')
          .select(['branch_id', 'max_cash_difference_cents'])
          .where('branch_id', 'in', [...branchIds])
          .execute();
  const limits = new Map(rows.map((r) => [r.branch_id, Number(r.max_cash_difference_cents)]));
  const zones = await timeZones(db, branchIds);
  return branchIds.map((branchId) => ({
    branchId,
    timeZone: zones.get(branchId)!,
    maxCashDifferenceCents: limits.get(branchId) ?? DEFAULT_MAX_CASH_DIFFERENCE_CENTS,
  }));
}

/**
 * Changes the largest cash difference a branch allows at a shift's close. `alsoInTransaction`
 * runs in the same transaction: the branch's settings document carries the limit to its tablets
 * (their close asks for a supervisor beyond it), so it takes a new sequence with the change.
 */
export async function updateReportSettings(
  db: ReportDb,
  branchId: string,
  patch: ReportSettingsPatch,
  alsoInTransaction: (trx: Transaction<Database>) => Promise<void> = async () => {},
  now = new Date().toISOString(),
): Promise<ReportSettings> {
  const branch = await db.selectFrom('branches').select('id').where('id', '=', branchId).executeTakeFirst();
  if (!branch) throw new ApiError('NOT_FOUND', `There is no branch ${branchId}; pick one from the list.`);
  await db.transaction().execute(async (trx) => {
    // First: a writer that takes a sequence locks it before anything else (SPEC S3).
    await alsoInTransaction(trx as unknown as Transaction<Database>);
    await trx
      .insertInto('report_branch_settings')
      .values({ branch_id: branchId, max_cash_difference_cents: patch.maxCashDifferenceCents, updated_at: now })
      .onConflict((oc) =>
        oc
          .column('branch_id')
          .doUpdateSet({ max_cash_difference_cents: patch.maxCashDifferenceCents, updated_at: now }),
      )
      .execute();
  });
  return (await reportSettings(db, [branchId]))[0]!;
}
