import { lineGrossCents } from '../../../shared/sale/line-amount';
import { soldQuantity } from './sold-quantity';
import { taxBreakdown } from '../../../shared/sale/cart-math';
import { changeDue } from '../../../shared/sale/sale-arithmetic';
import type { SaleRow } from '../../sync/collections';
import { INTL_LOCALE, useI18n, useT } from '../i18n';
import type { PaidExchange } from '../exchange/cart-exchange';
import { ExchangeDifference, ExchangeReturnedLines } from './ExchangeReceiptPart';
import { PrintTools } from './PrintTools';
import { ReceiptBarcode } from './ReceiptBarcode';
import { useDevice } from '../session/device-context';
import { useSession } from '../session/session-context';
import { receiptMessages } from './receipt-messages';
import { useReceiptWidth } from './receipt-width';
import './receipt.css';

/**
 * The ticket as printed: branch, header, number, date, cashier, lines with names and prices as
 * sold, discounts, tax breakdown, tenders, change and footer. The same markup is the on-screen
 * preview and, under @media print, the only thing on the page.
 */
export function Receipt({
  sale,
  refundOfReceipt,
  exchange,
}: {
  sale: SaleRow;
  refundOfReceipt?: string | null;
  /** An exchange's refund: one ticket shows what came back, what went out and the difference. */
  exchange?: PaidExchange | null;
}) {
  const { money, pairing } = useDevice();
  const { settings } = useSession();
  const t = useT(receiptMessages);
  const { locale } = useI18n();
  const [width, setWidth] = useReceiptWidth();
  const date = new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'short', timeStyle: 'short' }).format(
    new Date(sale.createdAt),
  );
  const change = changeDue(sale.payments);
  const refund = sale.kind === 'refund';
  return (
    <div className="receipt-area">
      <PrintTools width={width} setWidth={setWidth} printLabel={t('print')} />
      <article className={`receipt receipt-${width}`} aria-label={t('receipt')} data-testid="receipt">
        <header>
          <strong>{pairing.branch.name}</strong>
          {settings?.receiptHeader && <p className="pre">{settings.receiptHeader}</p>}
          {refund && <p className="receipt-kind">{t('refundTitle')}</p>}
          {refund && refundOfReceipt && <p>{t('refundOf', { receipt: refundOfReceipt })}</p>}
          {exchange && (
            <p className="pre">
              {t('exchangeOf', { receipt: exchange.originalReceipt, refund: exchange.refund.receiptNumber })}
            </p>
          )}
        </header>
        <p className="receipt-meta">
          <span>
            {t('receiptNumber')} <strong data-testid="printed-receipt-number">{sale.receiptNumber}</strong>
          </span>
          <span>
            {t('date')}: {date}
          </span>
          <span>
            {t('cashier')}: {sale.cashierName}
          </span>
        </p>
        {exchange && <ExchangeReturnedLines refund={exchange.refund} locale={INTL_LOCALE[locale]} />}
        <table className="receipt-lines">
          <tbody>
            {sale.lines.map((l, i) => (
              <tr key={i}>
                <td>
                  {l.name}
                  <br />
                  <small>{soldQuantity(l, money, INTL_LOCALE[locale])}</small>
                  {l.discountCents > 0 && (
                    <>
                      <br />
                      <small>
                        {t('discount', { reason: l.discountReason ?? '' })} −{money(l.discountCents)}
                      </small>
                    </>
                  )}
                </td>
                <td className="num">{money(l.discountCents > 0 ? l.lineTotalCents : lineGrossCents(l))}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="receipt-totals">
          <tbody>
            {taxBreakdown(sale.lines).map((g) => (
              <tr key={g.taxRateBp}>
                <td>{g.taxRateBp === 0 ? t('taxFree') : t('taxOf', { rate: g.taxRateBp / 100 })}</td>
                <td className="num">{money(g.taxCents)}</td>
              </tr>
            ))}
            <tr className="grand">
              <td>{refund ? t('refundTotal') : t('total')}</td>
              <td className="num" data-testid="receipt-total">
                {money(sale.totalCents)}
              </td>
            </tr>
            {sale.payments.map((p, i) => (
              <tr key={i}>
                <td>
                  {p.method === 'cash' ? t('cash') : p.method === 'card' ? t('card') : t('exchangeCredit')}
                  {p.method === 'cash' &&
                    p.tenderedCents !== null &&
                    p.tenderedCents !== p.amountCents &&
                    ` (${t('tendered')} ${money(p.tenderedCents)})`}
                </td>
                <td className="num">{money(p.amountCents)}</td>
              </tr>
            ))}
            {exchange && <ExchangeDifference sale={sale} refund={exchange.refund} />}
            {change > 0 && (
              <tr className="grand">
                <td>{t('change')}</td>
                <td className="num" data-testid="receipt-change">
                  {money(change)}
                </td>
              </tr>
            )}
          </tbody>
        </table>
        <footer>
          <ReceiptBarcode value={sale.receiptNumber} />
          <p className="mono">{sale.receiptNumber}</p>
          {settings?.receiptFooter && <p className="pre">{settings.receiptFooter}</p>}
        </footer>
      </article>
    </div>
  );
}
