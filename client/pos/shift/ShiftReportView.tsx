import type { ShiftReport } from '../../../shared/sale/shift-report';
import { useT } from '../i18n';
import { shiftMessages } from './shift-messages';

export function ShiftReportView({
  report,
  money,
  title,
}: {
  report: ShiftReport;
  money: (c: number) => string;
  title: string;
}) {
  const t = useT(shiftMessages);
  const rows: [string, number][] = [
    [t('float'), report.floatCents],
    [t('cashSales'), report.cashSalesCents],
    [t('cardSales'), report.cardSalesCents],
    [t('cashRefunds'), -report.cashRefundsCents],
    [t('cardRefunds'), -report.cardRefundsCents],
    [t('cashIn'), report.cashInCents],
    [t('cashOut'), -report.cashOutCents],
  ];
  const os = report.overShortCents;
  return (
    <section className="card shift-report" aria-label={title}>
      <h2>{title}</h2>
      <p className="hint">{t('salesCount', { sales: report.salesCount, refunds: report.refundsCount })}</p>
      <dl className="report-rows">
        {rows.map(([label, cents]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{money(cents)}</dd>
          </div>
        ))}
        <div className="strong">
          <dt>{t('expected')}</dt>
          <dd data-testid="expected-cash">{money(report.expectedCashCents)}</dd>
        </div>
        {report.countedCashCents !== null && (
          <div className="strong">
            <dt>{t('counted')}</dt>
            <dd data-testid="counted-cash">{money(report.countedCashCents)}</dd>
          </div>
        )}
        {os !== null && (
          <div className={os === 0 ? 'strong' : 'strong off'}>
            <dt>{t('overShort')}</dt>
            <dd data-testid="over-short">
              {os === 0 ? t('even') : os > 0 ? t('over', { amount: money(os) }) : t('short', { amount: money(-os) })}
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}
