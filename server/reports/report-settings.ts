import type { ReportSettings, ReportSettingsPatch } from '../../shared/console/reports-shifts';
import { isTimeZone } from '../../shared/console/reports-time';
import { ApiError } from '../http/api-error';
import type { ReportDb, ReportTrx } from './report-db';
import { rebuildReportSummaries } from './summary-rebuild';

/** A branch without settings counts its days in this zone (the seed's chain is in Mexico). */
export const DEFAULT_TIME_ZONE = 'America/Mexico_City';
/** 20.00 in the branch's currency. */
export const DEFAULT_MAX_CASH_DIFFERENCE_CENTS = 2000;

/** Time zone of each branch asked for (the default for a branch without settings). */
export async function timeZones(db: ReportDb | ReportTrx, branchIds: readonly string[]): Promise<Map<string, string>> {
  const zones = new Map(branchIds.map((id) => [id, DEFAULT_TIME_ZONE]));
  if (branchIds.length === 0) return zones;
  const rows = await db
    .selectFrom('report_branch_settings')
    .select(['branch_id', 'time_zone'])
    .where('branch_id', 'in', [...branchIds])
    .execute();
  for (const r of rows) zones.set(r.branch_id, r.time_zone);
  return zones;
}

export async function reportSettings(db: ReportDb, branchIds: readonly string[]): Promise<ReportSettings[]> {
  const rows =
    branchIds.length === 0
      ? []
      : await db
          .selectFrom('report_branch_settings')
          .selectAll()
          .where('branch_id', 'in', [...branchIds])
          .execute();
  const byId = new Map(rows.map((r) => [r.branch_id, r]));
  return branchIds.map((branchId) => {
    const r = byId.get(branchId);
    return {
      branchId,
      timeZone: r?.time_zone ?? DEFAULT_TIME_ZONE,
      maxCashDifferenceCents: r ? Number(r.max_cash_difference_cents) : DEFAULT_MAX_CASH_DIFFERENCE_CENTS,
    };
  });
}

/**
 * Changes a branch's report settings. A new time zone moves the branch's sales to other local
 * days and hours, so its summaries are rebuilt from the ledger in the same transaction.
 */
export async function updateReportSettings(
  db: ReportDb,
  branchId: string,
  patch: ReportSettingsPatch,
  now = new Date().toISOString(),
): Promise<ReportSettings> {
  if (patch.timeZone !== undefined && !isTimeZone(patch.timeZone))
    throw new ApiError(
      'BAD_REQUEST',
      `"${patch.timeZone}" is not a time zone this server knows; use an IANA name such as America/Mexico_City.`,
    );
  const branch = await db.selectFrom('branches').select('id').where('id', '=', branchId).executeTakeFirst();
  if (!branch) throw new ApiError('NOT_FOUND', `There is no branch ${branchId}.`);
  return db.transaction().execute(async (trx) => {
    const [current] = await reportSettings(trx, [branchId]);
    const next: ReportSettings = {
      branchId,
      timeZone: patch.timeZone ?? current!.timeZone,
      maxCashDifferenceCents: patch.maxCashDifferenceCents ?? current!.maxCashDifferenceCents,
    };
    await trx
      .insertInto('report_branch_settings')
      .values({
        branch_id: branchId,
        time_zone: next.timeZone,
        max_cash_difference_cents: next.maxCashDifferenceCents,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.column('branch_id').doUpdateSet({
          time_zone: next.timeZone,
          max_cash_difference_cents: next.maxCashDifferenceCents,
          updated_at: now,
        }),
      )
      .execute();
    if (next.timeZone !== current!.timeZone) await rebuildReportSummaries(trx, branchId);
    return next;
  });
}
