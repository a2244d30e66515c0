import { useEffect, useRef } from 'react';
import { changeDue } from '../../../shared/sale/sale-arithmetic';
import type { SaleRow } from '../../sync/collections';
import { useT } from '../i18n';
import type { PaidExchange } from '../exchange/cart-exchange';
import { exchangeMessages } from '../exchange/exchange-messages';
import { Receipt } from '../receipt/Receipt';
import { sellMessages } from './sell-messages';
import { useMoney } from '../session/device-context';

/** "Paid" after a charge, or, after a restart, which sale the last charge saved. */
export function PaidPanel({
  sale,
  recovered,
  onNewSale,
  exchange = null,
}: {
  sale: SaleRow;
  /** The refund of an exchange charged with this sale (SPEC S14): one ticket shows both. */
  exchange?: PaidExchange | null;
  recovered: boolean;
  onNewSale: () => void;
}) {
  const money = useMoney();
  const t = useT(sellMessages);
  const tx = useT(exchangeMessages);
  const title = useRef<HTMLDivElement>(null);
  // At 1024×768 the cart can be taller than the screen: the outcome must be in view.
  useEffect(() => {
    // Not returned: Chromium's scrollIntoView returns a promise, which React would take for a clean-up.
    void title.current?.scrollIntoView({ block: 'nearest' });
  }, [sale.id]);
  const methods = new Set(sale.payments.map((p) => p.method));
  // The cash an exchange gives back is handed over with the change (SPEC S14).
  const cashBack = exchange?.refund.payments.find((p) => p.method === 'cash')?.amountCents ?? 0;
  const method = methods.size > 1 ? t('methodMixed') : methods.has('card') ? t('methodCard') : t('methodCash');
  return (
    <div className="paid">
      <div role="status" ref={title}>
        {recovered ? (
          <>
            <p className="paid-title" data-testid="recovered-sale">
              {exchange
                ? tx('recoveredExchange', {
                    receipt: sale.receiptNumber,
                    returned: money(exchange.refund.totalCents),
                    total: money(sale.totalCents),
                  })
                : t('recoveredSale', { receipt: sale.receiptNumber, total: money(sale.totalCents), method })}
            </p>
            <p>{t('recoveredHelp')}</p>
          </>
        ) : (
          <p className="paid-title">✓ {t('paid')}</p>
        )}
        <p>
          {t('receipt')} <strong data-testid="receipt-number">{sale.receiptNumber}</strong>
        </p>
        <p className="change-due">
          {t('changeDue')}: <strong data-testid="change-due">{money(changeDue(sale.payments) + cashBack)}</strong>
        </p>
      </div>
      <div className="row">
        <button type="button" className="primary" onClick={onNewSale}>
          {t('newSale')}
        </button>
        {recovered && (
          <button type="button" onClick={() => window.print()}>
            {t('reprint', { receipt: sale.receiptNumber })}
          </button>
        )}
      </div>
      <Receipt sale={sale} exchange={exchange} />
    </div>
  );
}
