import { useEffect } from 'react';
import type { ShiftReport } from '../../../shared/sale/shift-report';
import type { ShiftEventRow } from '../../sync/collections';
import { INTL_LOCALE, useI18n, useT } from '../i18n';
import { useDevice } from '../session/device-context';
import { receiptMessages } from '../receipt/receipt-messages';
import { PrintTools } from '../receipt/PrintTools';
import { useReceiptWidth } from '../receipt/receipt-width';
import '../receipt/receipt.css';
import { cashMessages } from './cash-messages';
import { overShortText } from './CloseShiftCard';
import { shiftMessages } from './shift-messages';

type Row = [label: string, text: string];

function Rows({ rows, className }: { rows: Row[]; className?: string }) {
  return (
    <table className={className}>
      <tbody>
        {rows.map(([label, text]) => (
          <tr key={label}>
            <td>{label}</td>
            <td className="num">{text}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The X report (mid-shift, nothing closed) or the Z report (the close) as printed on the receipt
 * printer: the same paper widths and print rules as a ticket (client/pos/receipt/).
 */
export function ShiftPrintout({
  report,
  closeEvent,
  printRequest,
}: {
  report: ShiftReport;
  closeEvent: ShiftEventRow | null;
  /** Changes with every tap on print. */
  printRequest: number;
}) {
  const { pairing, money } = useDevice();
  const t = useT(shiftMessages);
  const c = useT(cashMessages);
  const r = useT(receiptMessages);
  const { locale } = useI18n();
  const [width, setWidth] = useReceiptWidth();
  const z = report.status === 'closed';
  // Each tap on print sends the report to the printer; the preview stays on screen.
  useEffect(() => window.print(), [printRequest]);
  const when = (iso: string | null) =>
    iso
      ? new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso))
      : '—';
  const cash: Row[] = [
    [t('float'), money(report.floatCents)],
    [t('cashSales'), money(report.cashSalesCents)],
    [t('cashRefunds'), money(-report.cashRefundsCents || 0)],
    [t('cashIn'), money(report.cashInCents)],
    [t('cashOut'), money(-report.cashOutCents || 0)],
    [t('expected'), money(report.expectedCashCents)],
  ];
  if (report.countedCashCents !== null) cash.push([t('counted'), money(report.countedCashCents)]);
  if (report.overShortCents !== null) cash.push([t('overShort'), overShortText(t, report.overShortCents, money)]);
  const tenders: Row[] = [
    [r('cash'), money(report.cashSalesCents - report.cashRefundsCents)],
    [r('card'), money(report.cardSalesCents - report.cardRefundsCents)],
  ];
  return (
    <div className="receipt-area">
      <PrintTools width={width} setWidth={setWidth} printLabel={c('printAgain')} />
      <article
        className={`receipt receipt-${width}`}
        aria-label={z ? c('zTitle') : c('xTitle')}
        data-testid="shift-printout"
      >
        <header>
          <strong>{pairing.branch.name}</strong>
          <p className="receipt-kind">{z ? c('zTitle') : c('xTitle')}</p>
        </header>
        <p className="receipt-meta">
          <span>
            {c('device')}: {pairing.deviceNumber}
          </span>
          <span>
            {c('cashier')}: {report.cashierName}
          </span>
          <span>
            {c('opened')}: {when(report.openedAt)}
          </span>
          {z && (
            <span>
              {c('closedAt')}: {when(report.closedAt)}
            </span>
          )}
          <span>{t('salesCount', { sales: report.salesCount, refunds: report.refundsCount })}</span>
          <span>{c('noSaleCount', { count: report.noSaleCount })}</span>
        </p>
        <Rows rows={cash} className="receipt-lines" />
        <p className="receipt-kind">{c('byTender')}</p>
        <Rows rows={tenders} />
        {report.denominations.length > 0 && (
          <>
            <p className="receipt-kind">{c('notesAndCoins')}</p>
            <Rows
              rows={report.denominations.map((d) => [
                `${d.count} × ${money(d.valueCents)}`,
                money(d.count * d.valueCents),
              ])}
            />
          </>
        )}
        <footer>
          {closeEvent?.approval && <p>{c('approvedBy', { name: closeEvent.approval.approverName })}</p>}
          {!z && <p>{c('xNote')}</p>}
          <p>{c('printed', { date: when(new Date().toISOString()) })}</p>
        </footer>
      </article>
    </div>
  );
}
