import { useT } from '../i18n';
import type { CartTotals } from './draft-cart';
import { sellMessages } from './sell-messages';
import { useMoney } from '../session/device-context';

/** The ticket's totals: subtotal and discounts when there are any, tax by rate, and the total. */
export function TicketTotals({ totals }: { totals: CartTotals }) {
  const money = useMoney();
  const t = useT(sellMessages);
  return (
    <>
      <dl className="totals">
        {totals.discountCents > 0 && (
          <>
            <dt>{t('subtotal')}</dt>
            <dd>{money(totals.grossCents)}</dd>
            <dt>{t('discounts')}</dt>
            <dd data-testid="cart-discounts">−{money(totals.discountCents)}</dd>
          </>
        )}
        {totals.taxes.map((g) => (
          <div key={g.taxRateBp} className="tax-row" data-testid={`tax-${g.taxRateBp}`}>
            <dt>{g.taxRateBp === 0 ? t('taxFree') : t('taxOf', { rate: g.taxRateBp / 100 })}</dt>
            <dd>{money(g.taxCents)}</dd>
          </div>
        ))}
      </dl>
      <p className="total">
        <span>{t('total')}</span> <strong data-testid="cart-total">{money(totals.totalCents)}</strong>
      </p>
    </>
  );
}
