import type { SaleRow } from '../../sync/collections';
import { useT } from '../i18n';
import { receiptMessages } from './receipt-messages';
import { soldQuantity } from './sold-quantity';
import { useMoney } from '../session/device-context';

/** An exchange's receipt: the lines that came back (its refund), before the lines taken. */
export function ExchangeReturnedLines({ refund, locale }: { refund: SaleRow; locale: string }) {
  const money = useMoney();
  const t = useT(receiptMessages);
  return (
    <table className="receipt-lines" aria-label={t('returnedLines')}>
      <caption className="receipt-section">{t('returnedLines')}</caption>
      <tbody>
        {refund.lines.map((l, i) => (
          <tr key={i}>
            <td>
              {l.name}
              <br />
              <small>{soldQuantity(l, money, locale)}</small>
            </td>
            <td className="num">−{money(l.lineTotalCents)}</td>
          </tr>
        ))}
        <tr>
          <td>{t('returnedTotal')}</td>
          <td className="num" data-testid="receipt-returned-total">
            −{money(refund.totalCents)}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

/** An exchange's difference: what the customer paid on top, or the cash they were given back. */
export function ExchangeDifference({ sale, refund }: { sale: SaleRow; refund: SaleRow }) {
  const money = useMoney();
  const t = useT(receiptMessages);
  const difference = sale.totalCents - refund.totalCents;
  return (
    <tr className="grand">
      <td>{difference > 0 ? t('differenceToPay') : difference < 0 ? t('differenceBack') : t('noDifference')}</td>
      <td className="num" data-testid="receipt-difference">
        {money(Math.abs(difference))}
      </td>
    </tr>
  );
}
