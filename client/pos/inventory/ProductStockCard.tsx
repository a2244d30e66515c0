import { useState } from 'react';
import { parseQuantityIn } from '../../../shared/sale/quantity';
import type { OtherStockRow, ProductRow } from '../../sync/collections';
import { recordCount } from '../../sync/device-documents';
import { INTL_LOCALE, useI18n, useT } from '../i18n';
import { inventoryMessages } from './inventory-messages';
import { relativeAge } from './relative-age';
import { useDevice } from '../session/device-context';
import { useSession } from '../session/session-context';

export type InventoryMessage = { text: string; alert: boolean } | null;

/**
 * One product: its stock here and at the other stores, and a count of the shelf. A weighed
 * product is counted by weight (decimal comma or point, its own decimals), read by the shared parser.
 */
export function ProductStockCard({
  product,
  shownQty,
  believedLevelSeq,
  others,
  now,
  quantity,
  onMessage,
}: {
  product: ProductRow;
  shownQty: number;
  believedLevelSeq: number;
  others: readonly OtherStockRow[];
  now: number;
  quantity: (q: number, p: ProductRow) => string;
  onMessage: (m: InventoryMessage) => void;
}) {
  const { db, pairing } = useDevice();
  const { cashierId } = useSession().author;
  const t = useT(inventoryMessages);
  const { locale } = useI18n();
  const [countText, setCountText] = useState('');
  const [note, setNote] = useState('');
  const decimals = product.quantityDecimals ?? 0;

  async function saveCount() {
    const parsed = parseQuantityIn(countText, decimals);
    if (countText.trim() === '' || 'problem' in parsed)
      return onMessage({ text: t(decimals > 0 ? 'badWeight' : 'badQuantity', { decimals }), alert: true });
    await recordCount(db, pairing, {
      productId: product.id,
      countedQuantity: parsed.quantity,
      believedQuantity: shownQty,
      believedLevelSeq,
      note: note.trim(),
      cashierId,
    });
    setCountText('');
    setNote('');
    onMessage({ text: t('countSaved', { name: product.name, qty: quantity(parsed.quantity, product) }), alert: false });
  }

  return (
    <section className="card" aria-label={t('details', { name: product.name })}>
      <h2>{product.name}</h2>
      <p>
        {t('stock')}: <strong data-testid="detail-stock">{quantity(shownQty, product)}</strong>
      </p>
      <h3>{t('otherStores')}</h3>
      {others.length === 0 ? (
        <p className="hint">{t('noOtherStores')}</p>
      ) : (
        <ul className="other-stores" data-testid="other-stores">
          {others.map((o) => (
            <li key={o.id}>
              <strong>{o.locationName || o.locationId}</strong>: {quantity(o.quantity, product)}{' '}
              <small className="hint">
                ({t('updated', { age: relativeAge(o.updatedAt, now, INTL_LOCALE[locale]) })})
              </small>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('count')}</h3>
      <form
        className="row-form"
        onSubmit={(e) => {
          e.preventDefault();
          void saveCount();
        }}
      >
        <label className="field" htmlFor="count-qty">
          {t('counted', { name: product.name })}
          <input
            id="count-qty"
            inputMode={decimals > 0 ? 'decimal' : 'numeric'}
            value={countText}
            onChange={(e) => setCountText(e.target.value.replace(decimals > 0 ? /[^\d.,]/g : /[^\d]/g, ''))}
          />
        </label>
        <label className="field" htmlFor="count-note">
          {t('note')}
          <input id="count-note" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <p className="hint">{t('believed', { qty: quantity(shownQty, product) })}</p>
        <button type="submit" className="primary">
          {t('saveCount')}
        </button>
      </form>
    </section>
  );
}
