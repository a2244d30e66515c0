import { useEffect, useState } from 'react';
import type { SaleLine } from '../../../shared/protocol';
import type { SaleRow } from '../../sync/collections';
import { exchangeMessages } from '../exchange/exchange-messages';
import { exchangeLines } from '../exchange/start-exchange';
import { useT } from '../i18n';
import { FoundSaleSummary } from './FoundSaleSummary';
import { RefundDone } from './RefundDone';
import { RefundLines } from './RefundLines';
import { refundMessages } from './refund-messages';
import { RefundPayment } from './RefundPayment';
import { useRefund } from './use-refund';
import { useDevice } from '../session/device-context';

/**
 * Refund desk: find a ticket by receipt number (typed or scanned), choose the units that come
 * back, give the money back in cash or card. The refund is one ticket (kind 'refund', refundOf)
 * committed like a sale; its units go back into displayed stock at once.
 */
export function RefundScreen({
  cashier,
  scanned,
  onExchange,
}: {
  cashier: { id: string | null; name: string; shiftId: string | null };
  scanned: { code: string; at: number } | null;
  /** Starts an exchange: these lines come back, and the selling screen adds what is taken instead. */
  onExchange?: (original: SaleRow, returned: SaleLine[]) => void;
}) {
  const { store, pairing } = useDevice();
  const t = useT(refundMessages);
  const tx = useT(exchangeMessages);
  const [receipt, setReceipt] = useState('');
  const refund = useRefund(store, pairing, cashier);
  const { found, error } = refund;

  useEffect(() => {
    if (!scanned) return;
    setReceipt(scanned.code);
    void refund.lookup(scanned.code);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scanned]);

  if (refund.done) {
    return (
      <RefundDone
        refund={refund.done}
        refundOfReceipt={receipt}
        onAnother={() => {
          refund.clearDone();
          setReceipt('');
        }}
      />
    );
  }

  return (
    <section className="refund" aria-label={t('title')}>
      <h2>{t('title')}</h2>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void refund.lookup(receipt);
        }}
      >
        <input
          aria-label={t('receiptNumber')}
          placeholder="001-01-000001"
          value={receipt}
          onChange={(e) => setReceipt(e.target.value)}
        />
        <button type="submit">{t('find')}</button>
      </form>
      <p className="hint">{t('scanHint')}</p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {found && (
        <>
          <FoundSaleSummary found={found} />
          <RefundLines found={found} units={refund.units} onUnits={refund.setUnits} />
          {found.left.some((n) => n > 0) && (
            <RefundPayment
              method={refund.method}
              onMethod={refund.setMethod}
              totalCents={refund.total}
              busy={refund.busy}
              disabled={refund.lines.length === 0}
              onRefund={() => void refund.refund()}
            />
          )}
          {onExchange && found.left.some((n) => n > 0) && (
            <button
              type="button"
              className="charge secondary"
              disabled={refund.busy || refund.total === 0}
              onClick={() =>
                void exchangeLines(store.db, found, refund.units).then((lines) =>
                  lines ? onExchange(found.sale, lines) : void refund.lookup(found.sale.receiptNumber),
                )
              }
            >
              {tx('exchangeButton')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
