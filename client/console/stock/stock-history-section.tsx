import { lazy, Suspense, useMemo, useState } from 'react';
import type { OfflinePeriod, StockHistoryResponse } from '../../../shared/console/reports-stock';
import { useLocale, useT, type Translate } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import { useLiveQuery } from '../live/use-live-query';
import { useApi } from '../session/session-context';
import { ErrorNotice } from '../ui/error-notice';
import { GridTable } from '../ui/grid-table';
import { SelectField } from '../ui/select-field';
import { stockChartMessages } from './stock-chart-messages';

const StockChart = lazy(() => import('./stock-chart'));
/** Hours back from now: the last hour shows a short outage, 90 days a season. */
const RANGES = [1, 24, 24 * 7, 24 * 30, 24 * 90];
type T = Translate<keyof (typeof stockChartMessages)['es']>;

/**
 * A product's stock at a location over the last days, from its ledger, with the branch's offline
 * tablets shaded; for the keyboard and screen readers, a summary and a table of the offline times.
 */
export function StockHistorySection(props: {
  locationId: string;
  productId: string;
  product: string;
  place: string;
  timeZone: string;
}) {
  const { locationId, productId, product, place, timeZone } = props;
  const t = useT(stockChartMessages);
  const { locale } = useLocale();
  const api = useApi();
  const f = useFormat({ timeZone });
  const [hours, setHours] = useState(24 * 7);
  const rangeName = (h: number) => (h < 24 ? t('hours', { n: h }) : t('days', { n: h / 24 }));
  const history = useLiveQuery(
    `stock-history:${locationId}:${productId}:${hours}`,
    (signal) => {
      const to = new Date();
      const from = new Date(to.getTime() - hours * 3_600_000);
      return api.get<StockHistoryResponse>(
        '/api/console/reports/stock-history',
        { locationId, productId, from: from.toISOString(), to: to.toISOString() },
        signal,
      );
    },
    { collections: ['stock', 'devices'] },
  );
  const data = history.data;
  const formatLevel = useMemo(() => (v: number) => f.number(v), [f]);
  return (
    <section className="card" aria-labelledby="stock-history-title">
      <div className="page-head">
        <h2 id="stock-history-title">{t('title')}</h2>
        <SelectField label={t('range')} value={String(hours)} onChange={(v) => setHours(Number(v))}>
          {RANGES.map((h) => (
            <option key={h} value={h}>
              {rangeName(h)}
            </option>
          ))}
        </SelectField>
      </div>
      <ErrorNotice error={history.error} />
      {data && (
        <>
          <Suspense fallback={<div className="chart" />}>
            <StockChart
              label={t('chart', { product, place, range: rangeName(hours).toLowerCase() })}
              data={data}
              timeZone={timeZone}
              levelLabel={t('level')}
              offlineLabel={t('offline')}
              formatLevel={formatLevel}
              locale={locale}
            />
          </Suspense>
          <p>
            {t('summary', {
              from: f.dateTime(data.from),
              to: f.dateTime(data.to),
              start: f.number(data.startLevel),
              end: f.number(data.points.at(-1)?.level ?? data.startLevel),
              lowest: f.number(data.lowest),
              highest: f.number(data.highest),
              movements: data.movements,
            })}
          </p>
          <OfflineTable t={t} periods={data.offline} dateTime={f.dateTime} />
        </>
      )}
    </section>
  );
}

function lasted(t: T, p: OfflinePeriod): string {
  const minutes = Math.max(1, Math.round((Date.parse(p.to) - Date.parse(p.from)) / 60_000));
  return minutes < 60
    ? t('minutes', { n: minutes })
    : t('hoursMinutes', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

function OfflineTable({ t, periods, dateTime }: { t: T; periods: OfflinePeriod[]; dateTime: (iso: string) => string }) {
  if (periods.length === 0) return <p className="hint">{t('noOffline')}</p>;
  return (
    <>
      <GridTable
        labelledBy="offline-title"
        caption={t('offlineTitle')}
        columns={[t('device'), t('from'), t('to'), t('lasted')]}
      >
        {periods.map((p) => (
          <tr key={`${p.deviceId}:${p.from}`}>
            <th scope="row">{p.deviceName}</th>
            <td>{dateTime(p.from)}</td>
            <td>{p.ongoing ? t('stillOffline') : dateTime(p.to)}</td>
            <td>{lasted(t, p)}</td>
          </tr>
        ))}
      </GridTable>
      <p className="hint">{t('offlineHint')}</p>
    </>
  );
}
