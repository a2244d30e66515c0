import type { CountDetail } from '../../../shared/console/counts';
import { useProductCounting } from '../api/use-product-counting';
import { useT } from '../i18n/i18n';
import type { Formatter } from '../i18n/format';
import { GridTable, numeric } from '../ui/grid-table';
import { countMessages } from './count-messages';

/** The variance report's totals, in units and in money at the master price, and the late sales. */
export function CountReport({ count, f }: { count: CountDetail; f: Formatter }) {
  const t = useT(countMessages);
  const { totals } = count;
  const money = (cents: number) => f.money(cents, count.currency);
  // A late sale of a weighed product in its unit ("-0,750 kg"), not raw grams.
  const counting = useProductCounting(count.lateSales.map((s) => s.productId));
  const quantity = (q: number, productId: string) =>
    f.quantity(q, counting(productId).quantityDecimals, counting(productId).unit);
  return (
    <div className="card" role="group" aria-labelledby="report-title">
      <h2 id="report-title">{t('report')}</h2>
      <dl className="count-figures">
        <div>
          <dt>{t('totalProducts')}</dt>
          <dd>{t('countedOf', { counted: f.number(totals.counted), products: f.number(totals.products) })}</dd>
        </div>
        <div>
          <dt>{t('totalVariance')}</dt>
          <dd>{totals.varianceUnits > 0 ? `+${f.number(totals.varianceUnits)}` : f.number(totals.varianceUnits)}</dd>
        </div>
        <div>
          <dt>{t('totalValue')}</dt>
          <dd>{money(totals.varianceCents)}</dd>
        </div>
        <div>
          <dt>{t('short')}</dt>
          <dd>{money(totals.shortCents)}</dd>
        </div>
        <div>
          <dt>{t('over')}</dt>
          <dd>{money(totals.overCents)}</dd>
        </div>
      </dl>
      <p className="hint">{t('withVariance', { count: totals.withVariance })}</p>
      <h3 id="late-title">{t('lateSales')}</h3>
      <p className="hint">{t('lateHelp')}</p>
      {count.lateSales.length === 0 ? (
        <p className="ok">{t('noLate')}</p>
      ) : (
        <GridTable
          labelledBy="late-title"
          columns={[t('receipt'), t('product'), numeric(t('units')), t('madeAt'), t('receivedAt')]}
        >
          {count.lateSales.map((s) => (
            <tr key={`${s.saleId}:${s.productId}`}>
              <th scope="row">{s.receiptNumber}</th>
              <td>
                {s.productName}
                {s.afterApproval && <span className="badge bad">{t('afterApproval')}</span>}
              </td>
              <td className="num">{quantity(s.delta, s.productId)}</td>
              <td>{f.dateTime(s.madeAt)}</td>
              <td>{f.dateTime(s.receivedAt)}</td>
            </tr>
          ))}
        </GridTable>
      )}
    </div>
  );
}
