import { lazy, Suspense, useMemo } from 'react';
import { Link } from 'wouter';
import type { ReconciliationItem } from '../../../shared/console/ledger-api';
import type { BranchHome, DayFigures, HomeResponse } from '../../../shared/console/reports-home';
import { usePlaces } from '../api/use-places';
import { useLocale, useT, type Translate } from '../i18n/i18n';
import { useProductCounting } from '../api/use-product-counting';
import { useFormat } from '../i18n/use-format';
import { useLiveQuery } from '../live/use-live-query';
import { useApi } from '../session/session-context';
import { itemSummary } from '../reconciliation/item-summary';
import { reconciliationMessages } from '../reconciliation/reconciliation-messages';
import { ErrorNotice } from '../ui/error-notice';
import { DataTable, GridTable } from '../ui/grid-table';
import { homeMessages } from './home-messages';
import './reports.css';
import { PageSection } from '../ui/page-section';

const HourChart = lazy(() => import('./hour-chart'));

type T = Translate<keyof (typeof homeMessages)['es']>;

/** The console's landing page: how the chain is selling today, how complete the figures are, what needs attention. */
export default function HomePage() {
  const t = useT(homeMessages);
  const api = useApi();
  const home = useLiveQuery(
    'reports:home',
    (signal) => api.get<HomeResponse>('/api/console/reports/home', {}, signal),
    // A sale, a refund, a device's report or a reconciliation item changes what this page shows.
    { collections: ['sales', 'reconciliation', 'devices', 'shifts'] },
  );
  const data = home.data;
  const currency = data?.chain[0]?.currency ?? data?.branches[0]?.currency;
  const f = useFormat({ currency, timeZone: data?.branches[0]?.timeZone });

  return (
    <PageSection titleId="home-title" title={t('title')}>
      <p className="hint">{t('intro')}</p>
      <ErrorNotice error={home.error} />
      {data && (
        <>
          {data.chain.map((c) => (
            <section key={c.currency} className="card" aria-labelledby={`chain-${c.currency}`}>
              <h2 id={`chain-${c.currency}`}>{t('chain')}</h2>
              <Figures t={t} today={c.today} weekAgo={c.weekAgoSoFar} money={(v) => f.money(v, c.currency)} />
            </section>
          ))}
          <BranchTable t={t} branches={data.branches} />
          {data.branches.map((b) => (
            <BranchChart key={b.branchId} t={t} branch={b} />
          ))}
          <TopProducts t={t} data={data} money={(v) => f.money(v)} />
          <Attention t={t} data={data} money={(v) => f.money(v)} />
        </>
      )}
    </PageSection>
  );
}

function Figures(props: { t: T; today: DayFigures; weekAgo: DayFigures; money: (v: number) => string }) {
  const { t, today, weekAgo, money } = props;
  const items: [string, string, string][] = [
    [t('revenue'), money(today.revenueCents), money(weekAgo.revenueCents)],
    [t('tickets'), String(today.tickets), String(weekAgo.tickets)],
    [t('average'), money(today.averageTicketCents), money(weekAgo.averageTicketCents)],
    [t('articles'), String(today.units), String(weekAgo.units)],
    [
      t('refunds'),
      t('refundsValue', { count: today.refundsCount, amount: money(today.refundsCents) }),
      t('refundsValue', { count: weekAgo.refundsCount, amount: money(weekAgo.refundsCents) }),
    ],
  ];
  return (
    <dl className="figures">
      {items.map(([name, value, before]) => (
        <div key={name} className="figure">
          <dt>{name}</dt>
          <dd>
            <span className="figure-value">{value}</span>
            <span className="sub">{t('vsWeekAgo', { value: before })}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Completeness({ t, branch }: { t: T; branch: BranchHome }) {
  const f = useFormat({ currency: branch.currency, timeZone: branch.timeZone });
  const c = branch.completeness;
  const { locale } = useLocale();
  const time = (iso: string) =>
    new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: branch.timeZone }).format(new Date(iso));
  if (c.laggingDevices.length === 0) return <span className="badge ok">{t('completeNow')}</span>;
  const devices = c.laggingDevices
    .map((d) =>
      d.pendingCount > 0
        ? t('deviceLag', {
            name: d.deviceName,
            time: d.deliveredThrough ? time(d.deliveredThrough) : t('never'),
            count: d.pendingCount,
            amount: f.money(d.pendingValueCents),
          })
        : t('deviceLagNone', { name: d.deviceName, time: d.deliveredThrough ? time(d.deliveredThrough) : t('never') }),
    )
    .join('; ');
  return (
    <span className="completeness">
      <span className="badge warning" title={t('waitingFor', { devices })}>
        {t('completeThrough', { time: c.completeThrough ? time(c.completeThrough) : t('never') })}
      </span>
      <span className="sub">{t('waitingFor', { devices })}</span>
    </span>
  );
}

function BranchTable({ t, branches }: { t: T; branches: BranchHome[] }) {
  return (
    <section className="card" aria-labelledby="home-branches">
      <h2 id="home-branches">{t('branches')}</h2>
      <GridTable
        labelledBy="home-branches"
        columns={[t('branch'), t('revenue'), t('tickets'), t('average'), t('articles'), t('refunds')]}
      >
        {branches.map((b) => (
          <BranchRow key={b.branchId} t={t} branch={b} />
        ))}
      </GridTable>
    </section>
  );
}

function BranchRow({ t, branch }: { t: T; branch: BranchHome }) {
  const f = useFormat({ currency: branch.currency, timeZone: branch.timeZone });
  const cell = (today: string, before: string) => (
    <td className="num-cell">
      <span className="strong">{today}</span>
      <span className="sub">{t('vsWeekAgo', { value: before })}</span>
    </td>
  );
  const a = branch.today;
  const w = branch.weekAgoSoFar;
  return (
    <tr aria-label={branch.branchName}>
      <th scope="row">
        <span className="strong">{branch.branchName}</span>
        <Completeness t={t} branch={branch} />
      </th>
      {cell(f.money(a.revenueCents), f.money(w.revenueCents))}
      {cell(f.number(a.tickets), f.number(w.tickets))}
      {cell(f.money(a.averageTicketCents), f.money(w.averageTicketCents))}
      {cell(f.number(a.units), f.number(w.units))}
      {cell(
        t('refundsValue', { count: a.refundsCount, amount: f.money(a.refundsCents) }),
        t('refundsValue', { count: w.refundsCount, amount: f.money(w.refundsCents) }),
      )}
    </tr>
  );
}

function BranchChart({ t, branch }: { t: T; branch: BranchHome }) {
  const f = useFormat({ currency: branch.currency, timeZone: branch.timeZone });
  const open = branch.byHour.filter((h) => h.todayCents !== 0 || h.weekAgoCents !== 0);
  // The opening hours at least, wider when sales fall outside them.
  const first = Math.min(open[0]?.hour ?? 8, 8);
  const last = Math.max(open.at(-1)?.hour ?? 20, 20);
  const hours = useMemo(() => branch.byHour.slice(first, last + 1), [branch.byHour, first, last]);
  const series = useMemo(
    () => [
      { label: t('today'), values: hours.map((h) => h.todayCents), color: '#1b7f3a' },
      { label: t('weekAgo'), values: hours.map((h) => h.weekAgoCents), color: '#7a7a7a', dash: [6, 4] },
    ],
    [hours, t],
  );
  const x = useMemo(() => hours.map((h) => h.hour), [hours]);
  const money = useMemo(() => (v: number) => f.money(v), [f]);
  const id = `hours-${branch.branchId}`;
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>
        {t('byHour')} — {branch.branchName}
      </h2>
      <Suspense fallback={<div className="chart" />}>
        <HourChart label={`${t('byHour')} — ${branch.branchName}`} hours={x} series={series} formatValue={money} />
      </Suspense>
    </section>
  );
}

function TopProducts(props: { t: T; data: HomeResponse; money: (v: number) => string }) {
  const { t, data, money } = props;
  // A weighed product's units in its unit ("2,500 kg"), not raw grams.
  const f = useFormat();
  const counting = useProductCounting(data.topProducts.map((p) => p.productId));
  return (
    <section className="card" aria-labelledby="home-top">
      <h2 id="home-top">{t('topProducts')}</h2>
      {data.topProducts.length === 0 ? (
        <p className="hint">{t('noSales')}</p>
      ) : (
        <DataTable columns={[t('product'), t('units'), t('revenue')]}>
          {data.topProducts.map((p) => (
            <tr key={p.productId}>
              <th scope="row">{p.name}</th>
              <td className="num-cell">
                {f.quantity(p.units, counting(p.productId).quantityDecimals, counting(p.productId).unit)}
              </td>
              <td className="num-cell">{money(p.revenueCents)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

function Attention({ t, data, money }: { t: T; data: HomeResponse; money: (v: number) => string }) {
  const f = useFormat();
  const tr = useT(reconciliationMessages);
  const { placeName } = usePlaces();
  const names = new Map(data.branches.map((b) => [b.branchId, b.branchName]));
  return (
    <section className="card" aria-labelledby="home-attention">
      <h2 id="home-attention">{t('attention')}</h2>
      <p>{data.openItems.count ? t('openItems', { count: data.openItems.count }) : t('noOpenItems')}</p>
      {data.openItems.newest.length > 0 && (
        <ul className="reasons">
          {data.openItems.newest.map((i) => (
            <li key={i.id}>
              <Link href={`/reconciliation/${i.id}`}>
                {itemSummary({ ...i, kind: i.kind as ReconciliationItem['kind'] }, tr, f, placeName)}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link href="/reconciliation">{t('seeQueue')}</Link>
      </p>
      <h3>{t('devicesAttention')}</h3>
      {data.devicesNeedingAttention.length === 0 ? (
        <p className="ok">{t('allDevicesGood')}</p>
      ) : (
        <ul className="reasons">
          {data.devicesNeedingAttention.map((d) => (
            <li key={d.deviceId}>
              {t(d.reason, {
                name: `${d.deviceName} (${names.get(d.branchId) ?? d.branchId})`,
                count: d.pendingCount,
                amount: money(d.pendingValueCents),
                time: d.lastReportAt ? f.dateTime(d.lastReportAt) : t('never'),
              })}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link href="/fleet">{t('seeFleet')}</Link>
      </p>
    </section>
  );
}
