import { sql } from 'kysely';
import type { BranchHome, HomeResponse, TopProduct } from '../../shared/console/reports-home';
import { addDays, localDayStart, localParts } from '../../shared/console/reports-time';
import type { ManagerIdentity } from '../auth/manager-session';
import { branchCompleteness, deviceStates, FRESH_REPORT_MS, type DeviceState } from './completeness';
import { addSums, dayFigures, emptySums, type KindSums } from './day-figures';
import type { ReportDb } from './report-db';
import type { ScopedBranch } from './report-scope';

const TOP_PRODUCTS = 10;

/** A branch's today in its own time zone, the same weekday a week before, and the same time of day then. */
interface HomeDay {
  branch: ScopedBranch;
  today: string;
  compareDate: string;
  weekAgoCut: string;
}

/** The three sums a branch adds to its currency's chain figures. */
interface DaySums {
  today: KindSums;
  weekAgo: KindSums;
  weekAgoSoFar: KindSums;
}

function homeDays(branches: readonly ScopedBranch[], now: Date): HomeDay[] {
  return branches.map((b) => {
    const today = localParts(now, b.timeZone).date;
    const compareDate = addDays(today, -7);
    // The same time of day a week before, for figures "so far" (DST-safe: measured from local midnight).
    const sinceMidnight = now.getTime() - Date.parse(localDayStart(today, b.timeZone));
    const weekAgoCut = new Date(Date.parse(localDayStart(compareDate, b.timeZone)) + sinceMidnight).toISOString();
    return { branch: b, today, compareDate, weekAgoCut };
  });
}

/** The hourly summary rows of each branch's today and its compare date. */
function hourRows(db: ReportDb, days: readonly HomeDay[]) {
  return db
    .selectFrom('report_sales_hours')
    .selectAll()
    .where((eb) =>
      eb.or(
        days.map((d) => eb.and([eb('branch_id', '=', d.branch.id), eb('local_date', 'in', [d.today, d.compareDate])])),
      ),
    )
    .execute();
}

/** The compare date's tickets up to the same time of day as now, per branch and kind. */
function weekAgoSoFarRows(db: ReportDb, days: readonly HomeDay[]) {
  return db
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
}

type HourRow = Awaited<ReturnType<typeof hourRows>>[number];
type SoFarRow = Awaited<ReturnType<typeof weekAgoSoFarRows>>[number];

/** A branch's today and week-ago sums, and its net by hour, from the hourly summary. */
function sumHours(d: HomeDay, hours: readonly HourRow[]) {
  const today = emptySums();
  const weekAgo = emptySums();
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
  return { today, weekAgo, byHour };
}

function sumSoFar(d: HomeDay, soFar: readonly SoFarRow[]): KindSums {
  const sums = emptySums();
  for (const r of soFar) {
    if (r.branch_id !== d.branch.id) continue;
    if (r.kind === 'sale') {
      sums.saleTickets += Number(r.tickets);
      sums.saleTotalCents += Number(r.total);
      sums.saleUnits += Number(r.units);
    } else {
      sums.refundTickets += Number(r.tickets);
      sums.refundTotalCents += Number(r.total);
      sums.refundUnits += Number(r.units);
    }
  }
  return sums;
}

function branchHome(
  d: HomeDay,
  hours: readonly HourRow[],
  soFar: readonly SoFarRow[],
  devices: readonly DeviceState[],
  now: Date,
): { home: BranchHome; sums: DaySums } {
  const { today, weekAgo, byHour } = sumHours(d, hours);
  const weekAgoSoFar = sumSoFar(d, soFar);
  const home: BranchHome = {
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
  return { home, sums: { today, weekAgo, weekAgoSoFar } };
}

/** The chain's figures: every branch's sums added, one line per currency. */
function chainFigures(branches: readonly { home: BranchHome; sums: DaySums }[]): HomeResponse['chain'] {
  const chain = new Map<string, DaySums>();
  for (const { home, sums } of branches) {
    const c = chain.get(home.currency) ?? { today: emptySums(), weekAgo: emptySums(), weekAgoSoFar: emptySums() };
    addSums(c.today, sums.today);
    addSums(c.weekAgo, sums.weekAgo);
    addSums(c.weekAgoSoFar, sums.weekAgoSoFar);
    chain.set(home.currency, c);
  }
  return [...chain.entries()].map(([currency, c]) => ({
    currency,
    today: dayFigures(c.today),
    weekAgo: dayFigures(c.weekAgo),
    weekAgoSoFar: dayFigures(c.weekAgoSoFar),
  }));
}

/** Today's best sellers across the branches, by net revenue (refunds subtracted). */
async function topProducts(db: ReportDb, days: readonly HomeDay[]): Promise<TopProduct[]> {
  const rows = await db
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
          eb.and([eb('report_tickets.branch_id', '=', d.branch.id), eb('report_tickets.local_date', '=', d.today)]),
        ),
      ),
    )
    .groupBy('sale_lines.product_id')
    .orderBy('revenue', 'desc')
    .orderBy('sale_lines.product_id')
    .limit(TOP_PRODUCTS)
    .execute();
  return rows.map((r) => ({
    productId: r.product_id,
    name: String(r.name),
    units: Number(r.units),
    revenueCents: Number(r.revenue),
  }));
}

/** How many reconciliation items are open in the manager's branches, and the five newest. */
async function openItems(db: ReportDb, manager: ManagerIdentity): Promise<HomeResponse['openItems']> {
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
  return {
    count: Number(count?.n ?? 0),
    newest: newest.map((i) => ({
      id: i.id,
      kind: i.kind,
      branchId: i.branch_id,
      summary: i.summary,
      details: JSON.parse(i.details) as Record<string, unknown>,
      createdAt: i.created_at,
    })),
  };
}

/** Why a device needs a look, the most urgent reason first, or null when it does not. */
function attentionReason(d: DeviceState, nowMs: number) {
  const stale = !d.lastReportAt || nowMs - Date.parse(d.lastReportAt) > FRESH_REPORT_MS;
  return d.pendingCount > 0 && (stale || !d.online)
    ? ('offline_with_sales' as const)
    : d.breaker === 'open'
      ? ('breaker_open' as const)
      : d.rejectedCount > 0
        ? ('rejected_documents' as const)
        : stale && (!d.lastReportAt || nowMs - Date.parse(d.lastReportAt) > 15 * 60_000)
          ? ('silent' as const)
          : null;
}

function devicesNeedingAttention(devices: readonly DeviceState[], now: Date): HomeResponse['devicesNeedingAttention'] {
  const nowMs = now.getTime();
  return devices.flatMap((d) => {
    const reason = attentionReason(d, nowMs);
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
}

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
  const days = homeDays(branches, now);
  const hours = days.length === 0 ? [] : await hourRows(db, days);
  const soFar = days.length === 0 ? [] : await weekAgoSoFarRows(db, days);
  const devices = await deviceStates(
    db,
    branches.map((b) => b.id),
    now,
  );
  const perBranch = days.map((d) => branchHome(d, hours, soFar, devices, now));
  return {
    generatedAt: now.toISOString(),
    branches: perBranch.map((b) => b.home),
    chain: chainFigures(perBranch),
    topProducts: days.length === 0 ? [] : await topProducts(db, days),
    openItems: await openItems(db, manager),
    devicesNeedingAttention: devicesNeedingAttention(devices, now),
  };
}
