import { sql } from 'kysely';
import type { ShiftRow, ShiftsReportQuery } from '../../shared/console/reports-shifts';
import type { ShiftEventDoc } from '../../shared/protocol';
import { beyondCashLimit, shiftReport, type ShiftReport } from '../../shared/sale/shift-report';
import type { ReportDb } from './report-db';
import type { ScopedBranch } from './report-scope';
import { reportSettings } from './report-settings';
import { ticketAsSale } from './shift-cash';

/**
 * Shifts across branches, most recently active first: open ones live (from the tablets' shift
 * events as they arrive), closed ones with their cash report (shared/sale/shift-report.ts, the
 * same maths as the POS's close screen) and whether the difference is above the branch's limit.
 */
export async function listShifts(
  db: ReportDb,
  q: ShiftsReportQuery,
  branches: readonly ScopedBranch[],
): Promise<ShiftRow[]> {
  if (branches.length === 0) return [];
  let shiftsQuery = db
    .selectFrom('shift_events')
    .select((eb) => [
      'shift_id',
      eb.fn.max('applied_seq').as('last_seq'),
      eb.fn.max(sql<number>`case when kind = 'close' then 1 else 0 end`).as('closed'),
    ])
    .where(
      'branch_id',
      'in',
      branches.map((b) => b.id),
    )
    .groupBy('shift_id');
  if (q.status === 'open')
    shiftsQuery = shiftsQuery.having(sql`max(case when kind = 'close' then 1 else 0 end)`, '=', 0);
  if (q.status === 'closed')
    shiftsQuery = shiftsQuery.having(sql`max(case when kind = 'close' then 1 else 0 end)`, '=', 1);
  const shifts = await shiftsQuery.orderBy('last_seq', 'desc').limit(q.limit).execute();
  if (shifts.length === 0) return [];
  const ids = shifts.map((s) => s.shift_id);
  const [events, tickets, settings] = await Promise.all([
    db
      .selectFrom('shift_events')
      .innerJoin('devices', 'devices.id', 'shift_events.device_id')
      .select([
        'shift_events.shift_id',
        'shift_events.branch_id',
        'shift_events.device_id',
        'devices.name',
        'shift_events.body',
      ])
      .where('shift_events.shift_id', 'in', ids)
      .execute(),
    db
      .selectFrom('report_tickets')
      .select(['shift_id', 'kind', 'cash_cents', 'card_cents'])
      .where('shift_id', 'in', ids)
      .execute(),
    reportSettings(
      db,
      branches.map((b) => b.id),
    ),
  ]);
  const limits = new Map(settings.map((s) => [s.branchId, s.maxCashDifferenceCents]));
  const byId = new Map(branches.map((b) => [b.id, b]));
  return ids.flatMap((id) => {
    const own = events.filter((e) => e.shift_id === id);
    const first = own[0];
    const branch = first && byId.get(first.branch_id);
    if (!first || !branch) return [];
    const report = shiftReport(
      id,
      own.map((e) => JSON.parse(e.body) as ShiftEventDoc),
      tickets.filter((t) => t.shift_id === id).map(ticketAsSale),
    );
    const where = { branchId: branch.id, branchName: branch.name, currency: branch.currency };
    const device = { deviceId: first.device_id, deviceName: first.name };
    return [shiftRow(report, where, device, limits.get(branch.id) ?? 0)];
  });
}

/** A shift's row: where it was, its cash report, and whether the difference is beyond the branch's limit. */
function shiftRow(
  report: ShiftReport,
  where: Pick<ShiftRow, 'branchId' | 'branchName' | 'currency'>,
  device: Pick<ShiftRow, 'deviceId' | 'deviceName'>,
  limitCents: number,
): ShiftRow {
  const { cardRefundsCents: _card, ...figures } = report;
  return {
    ...where,
    ...device,
    ...figures,
    overLimit: beyondCashLimit(report.overShortCents, limitCents),
  };
}
