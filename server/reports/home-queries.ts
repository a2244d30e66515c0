import { sql } from 'kysely';
import type { BranchHome, HomeResponse, TopProduct } from '../../shared/console/reports-home';
import { addDays, localDayStart, localParts } from '../../shared/console/reports-time';
import type { ManagerIdentity } from '../auth/manager-session';
import { branchCompleteness, deviceStates, FRESH_REPORT_MS } from './completeness';
import { addSums, dayFigures, emptySums, type KindSums } from './day-figures';
import type { ReportDb } from './report-db';
import type { ScopedBranch } from './report-scope';

const TOP_PRODUCTS = 10;

/**
 * The console's home: today in each branch's time zone against the same weekday a week before,
 * per branch and for the chain, by hour, top products, and what needs attention.
 */
export async function homeFigures(
  db: ReportDb,
  manager: ManagerIdentity,
  branches: readonly ScopedBranch[],
  now = new Date(),
): Promise<HomeResponse> {
  const days = branches.map((b) => {
    const today = localParts(now, b.timeZone).date;
    const compareDate = addDays(today, -7);
    // The same time of day a week before, for figures "so far" (DST-safe: measured from local midnight).
    const sinceMidnight = now.getTime() - Date.parse(localDayStart(today, b.timeZone));
    const weekAgoCut = new Date(Date.parse(localDayStart(compareDate, b.timeZone)) + sinceMidnight).toISOString();
    return { branch: b, today, compareDate, weekAgoCut };
  });
  const ids = branches.map((b) => b.id);
  const hours =
    days.length === 0
      ? []
      : await db
          .selectFrom('report_sales_hours')
          .selectAll()
          .where((eb) =>
            eb.or(
              days.map((d) =>
                eb.and([eb('branch_id', '=', d.branch.id), eb('local_date', 'in', [d.today, d.compareDate])]),
              ),
            ),
          )
          .execute();
  const soFar =
    days.length === 0
      ? []
      : await db
          .selectFrom('report_tickets')
          .select((eb) => [
            'branch_id',
            'kind',
            eb.fn.countAll<number>().as('tickets'),
            eb.fn.sum<number>('total_cents').as('total'),
            eb.fn.sum<number>('units').as('units'),
          ])
          .where((eb) =>
            eb.or(
              days.map((d) =>
                eb.and([
                  eb('branch_id', '=', d.branch.id),
                  eb('local_date', '=', d.compareDate),
                  eb('sold_at', '<=', d.weekAgoCut),
                ]),
              ),
            ),
          )
          .groupBy(['branch_id', 'kind'])
          .execute();
  const devices = await deviceStates(db, ids, now);

  const chain = new Map<string, { today: KindSums; weekAgo: KindSums; weekAgoSoFar: KindSums }>();
  const homes: BranchHome[] = days.map((d) => {
    const today = emptySums();
    const weekAgo = emptySums();
    const weekAgoSoFar = emptySums();
    const byHour = Array.from({ length: 24 }, (_, hour) => ({ hour, todayCents: 0, weekAgoCents: 0 }));
    for (const h of hours) {
      if (h.branch_id !== d.branch.id) continue;
      const sums: KindSums = {
        saleTickets: Number(h.sale_tickets),
        saleTotalCents: Number(h.sale_gross_cents) - Number(h.sale_discount_cents),
        saleUnits: Number(h.sale_units),
        refundTickets: Number(h.refund_tickets),
        refundTotalCents: Number(h.refund_gross_cents) - Number(h.refund_discount_cents),
        refundUnits: Number(h.refund_units),
      };
      const net = sums.saleTotalCents - sums.refundTotalCents;
      if (h.local_date === d.today) {
        addSums(today, sums);
        byHour[Number(h.local_hour)]!.todayCents += net;
      } else {
        addSums(weekAgo, sums);
        byHour[Number(h.local_hour)]!.weekAgoCents += net;
      }
    }
    for (const r of soFar) {
      if (r.branch_id !== d.branch.id) continue;
      if (r.kind === 'sale') {
        weekAgoSoFar.saleTickets += Number(r.tickets);
        weekAgoSoFar.saleTotalCents += Number(r.total);
        weekAgoSoFar.saleUnits += Number(r.units);
      } else {
        weekAgoSoFar.refundTickets += Number(r.tickets);
        weekAgoSoFar.refundTotalCents += Number(r.total);
        weekAgoSoFar.refundUnits += Number(r.units);
      }
    }
    const c = chain.get(d.branch.currency) ?? { today: emptySums(), weekAgo: emptySums(), weekAgoSoFar: emptySums() };
    addSums(c.today, today);
    addSums(c.weekAgo, weekAgo);
    addSums(c.weekAgoSoFar, weekAgoSoFar);
    chain.set(d.branch.currency, c);
    return {
      branchId: d.branch.id,
      branchName: d.branch.name,
      currency: d.branch.currency,
      timeZone: d.branch.timeZone,
      date: d.today,
      compareDate: d.compareDate,
      today: dayFigures(today),
      weekAgo: dayFigures(weekAgo),
      weekAgoSoFar: dayFigures(weekAgoSoFar),
      byHour,
      completeness: branchCompleteness(
        devices.filter((dev) => dev.branchId === d.branch.id),
        now,
      ),
    };
  });

  const topProducts: TopProduct[] =
    days.length === 0
      ? []
      : (
          await db
            .selectFrom('sale_lines')
            .innerJoin('report_tickets', 'report_tickets.sale_id', 'sale_lines.sale_id')
            .innerJoin('products', 'products.id', 'sale_lines.product_id')
            .select((eb) => [
              'sale_lines.product_id',
              eb.fn.max('products.name').as('name'),
              eb.fn
                .sum<number>(
                  sql`case when report_tickets.kind = 'refund' then -sale_lines.quantity else sale_lines.quantity end`,
                )
                .as('units'),
              eb.fn
                .sum<number>(
                  sql`case when report_tickets.kind = 'refund' then -sale_lines.line_total_cents else sale_lines.line_total_cents end`,
                )
                .as('revenue'),
            ])
            .where((eb) =>
              eb.or(
                days.map((d) =>
                  eb.and([
                    eb('report_tickets.branch_id', '=', d.branch.id),
                    eb('report_tickets.local_date', '=', d.today),
                  ]),
                ),
              ),
            )
            .groupBy('sale_lines.product_id')
            .orderBy('revenue', 'desc')
            .orderBy('sale_lines.product_id')
            .limit(TOP_PRODUCTS)
            .execute()
        ).map((r) => ({
          productId: r.product_id,
          name: String(r.name),
          units: Number(r.units),
          revenueCents: Number(r.revenue),
        }));

  let openQuery = db.selectFrom('reconciliation_items').where('status', '!=', 'resolved');
  if (manager.branchIds !== 'all')
    openQuery = openQuery.where('branch_id', 'in', manager.branchIds.length ? manager.branchIds : ['']);
  const [count, newest] = await Promise.all([
    openQuery.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    openQuery
      .select(['id', 'kind', 'branch_id', 'summary', 'details', 'created_at'])
      .orderBy('seq', 'desc')
      .limit(5)
      .execute(),
  ]);

  const nowMs = now.getTime();
  const attention = devices.flatMap((d) => {
    const stale = !d.lastReportAt || nowMs - Date.parse(d.lastReportAt) > FRESH_REPORT_MS;
    const reason =
      d.pendingCount > 0 && (stale || !d.online)
        ? ('offline_with_sales' as const)
        : d.breaker === 'open'
          ? ('breaker_open' as const)
          : d.rejectedCount > 0
            ? ('rejected_documents' as const)
            : stale && (!d.lastReportAt || nowMs - Date.parse(d.lastReportAt) > 15 * 60_000)
              ? ('silent' as const)
              : null;
    return reason
      ? [
          {
            deviceId: d.deviceId,
            deviceName: d.deviceName,
            branchId: d.branchId,
            reason,
            pendingCount: d.pendingCount,
            pendingValueCents: d.pendingValueCents,
            lastReportAt: d.lastReportAt,
          },
        ]
      : [];
  });

  return {
    generatedAt: now.toISOString(),
    branches: homes,
    chain: [...chain.entries()].map(([currency, c]) => ({
      currency,
      today: dayFigures(c.today),
      weekAgo: dayFigures(c.weekAgo),
      weekAgoSoFar: dayFigures(c.weekAgoSoFar),
    })),
    topProducts,
    openItems: {
      count: Number(count?.n ?? 0),
      newest: newest.map((i) => ({
        id: i.id,
        kind: i.kind,
        branchId: i.branch_id,
        summary: i.summary,
        details: JSON.parse(i.details) as Record<string, unknown>,
        createdAt: i.created_at,
      })),
    },
    devicesNeedingAttention: attention,
  };
}
