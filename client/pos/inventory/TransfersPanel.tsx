import { useMemo, useState } from 'react';
import { combineLatest, map } from 'rxjs';
import type { ProductRow, TransferReceiptRow, TransferRow } from '../../sync/collections';
import { recordTransferReceipt } from '../../sync/device-documents';
import { INTL_LOCALE, useI18n, useT } from '../i18n';
import { formatProductQuantity, formatQuantity, parseQuantityIn } from '../../../shared/sale/quantity';
import { useObservable } from '../use-observable';
import { inventoryMessages } from './inventory-messages';
import { relativeAge } from './relative-age';
import { useDevice } from '../session/device-context';
import { useSession } from '../session/session-context';

/** Transfers sent to this branch, with what arrived per line, and a "received" action. */
export function TransfersPanel({
  products,
  locationNames,
}: {
  products: Map<string, ProductRow>;
  locationNames: Map<string, string>;
}) {
  const { db, pairing } = useDevice();
  const { cashierId } = useSession().author;
  const t = useT(inventoryMessages);
  const { locale } = useI18n();
  const data$ = useMemo(
    () =>
      combineLatest([
        db.transfers.find({ selector: { toLocationId: pairing.branch.locationId } }).$,
        db.transferreceipts.find().$,
      ]).pipe(
        map(([transfers, receipts]) => {
          const received = new Set(receipts.map((r) => (r.toJSON() as TransferReceiptRow).transferId));
          return transfers
            .map((d) => d.toJSON() as TransferRow)
            .filter((tr) => tr.status === 'sent' && !received.has(tr.id));
        }),
      ),
    [db, pairing],
  );
  const waiting = useObservable(data$, [] as TransferRow[]);
  const [arrived, setArrived] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const intl = INTL_LOCALE[locale];
  const decimalsOf = (productId: string) => products.get(productId)?.quantityDecimals ?? 0;

  async function receive(tr: TransferRow) {
    setError(null);
    // Typed in the product's unit (2,5 kg), read by the shared parser into its smallest unit.
    const lines = tr.lines.map((l) => {
      const text = arrived[`${tr.id}:${l.productId}`];
      const parsed = text === undefined ? { quantity: l.quantity } : parseQuantityIn(text, decimalsOf(l.productId));
      return { productId: l.productId, quantity: 'quantity' in parsed ? parsed.quantity : -1 };
    });
    if (lines.some((l) => l.quantity < 0)) return setError(t('badQuantity'));
    await recordTransferReceipt(db, pairing, { transferId: tr.id, lines, cashierId });
    setNotice(t('receiptSaved'));
  }

  return (
    <section className="card transfers" aria-label={t('transfers')}>
      <h2>{t('transfers')}</h2>
      {notice && (
        <p role="status" className="notice ok">
          {notice}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {waiting.length === 0 && <p className="hint">{t('noTransfers')}</p>}
      {waiting.map((tr) => (
        <article key={tr.id} className="transfer" aria-label={tr.id}>
          <p>
            <strong>#{tr.id.slice(-6)}</strong> ·{' '}
            {t('from', {
              location: locationNames.get(tr.fromLocationId) ?? tr.fromLocationId,
              age: relativeAge(tr.sentAt, Date.now(), INTL_LOCALE[locale]),
            })}
          </p>
          {tr.note && <p className="hint">{tr.note}</p>}
          <ul className="transfer-lines">
            {tr.lines.map((l) => {
              const name = products.get(l.productId)?.name ?? l.productId;
              const key = `${tr.id}:${l.productId}`;
              return (
                <li key={key}>
                  <span>{name}</span>
                  <span>
                    {t('sent')}: {formatProductQuantity(l.quantity, products.get(l.productId) ?? {}, intl)}
                  </span>
                  <label>
                    <span className="visually-hidden">{t('arrived', { name })}</span>
                    <input
                      aria-label={t('arrived', { name })}
                      inputMode={decimalsOf(l.productId) > 0 ? 'decimal' : 'numeric'}
                      value={arrived[key] ?? formatQuantity(l.quantity, decimalsOf(l.productId), intl)}
                      onChange={(e) => setArrived({ ...arrived, [key]: e.target.value.replace(/[^\d.,]/g, '') })}
                    />
                  </label>
                </li>
              );
            })}
          </ul>
          <button
            type="button"
            className="primary"
            aria-label={`${t('markReceived')} #${tr.id.slice(-6)}`}
            onClick={() => void receive(tr)}
          >
            {t('markReceived')}
          </button>
        </article>
      ))}
    </section>
  );
}
