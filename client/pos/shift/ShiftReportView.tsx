import type { ShiftReport } from '../../../shared/sale/shift-report';
import { useT } from '../i18n';
import { cashMessages } from './cash-messages';
import { shiftMessages } from './shift-messages';
import { useMoney } from '../session/device-context';

export function ShiftReportView({
  report,
  title,
  printLabel,
  onPrint,
}: {
  report: ShiftReport;
  title: string;
  printLabel: string;
  onPrint: () => void;
}) {
  const money = useMoney();
  const t = useT(shiftMessages);
  const c = useT(cashMessages);
  const rows: [string, number][] = [
    [t('float'), report.floatCents],
    [t('cashSales'), report.cashSalesCents],
    [t('cardSales'), report.cardSalesCents],
    [t('cashRefunds'), -report.cashRefundsCents || 0],
    [t('cardRefunds'), -report.cardRefundsCents || 0],
    [t('cashIn'), report.cashInCents],
    [t('cashOut'), -report.cashOutCents || 0],
  ];
  const os = report.overShortCents;
  return (
    <section className="card shift-report" aria-label={title}>
      <div className="row report-head">
        <h2>{title}</h2>
        <button type="button" onClick={onPrint}>
          {printLabel}
        </button>
      </div>
      <p className="hint">
        {t('salesCount', { sales: report.salesCount, refunds: report.refundsCount })} ·{' '}
        <span data-testid="no-sale-count">{c('noSaleCount', { count: report.noSaleCount })}</span>
      </p>
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
