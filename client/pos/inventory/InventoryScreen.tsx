import { useState } from 'react';
import { formatProductQuantity } from '../../../shared/sale/quantity';
import type { ProductRow } from '../../sync/collections';
import { INTL_LOCALE, useI18n, useT } from '../i18n';
import { inventoryMessages } from './inventory-messages';
import { ProductStockCard, type InventoryMessage } from './ProductStockCard';
import { StockTable } from './StockTable';
import { TransfersPanel } from './TransfersPanel';
import { useInventoryData } from './use-inventory-data';
import { useDevice } from '../session/device-context';

/** The branch's stock on the tablet: search, low stock, other stores, counts, transfers in. */
export function InventoryScreen() {
  const { db, pairing, ledger } = useDevice();
  const t = useT(inventoryMessages);
  const { locale } = useI18n();
  const { products, levels, others, now, byId } = useInventoryData(db, pairing);
  const [query, setQuery] = useState('');
  const [lowOnly, setLowOnly] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [message, setMessage] = useState<InventoryMessage>(null);

  // Weighed products in their unit ("1,250 kg"), never as raw grams.
  const quantity = (q: number, p: ProductRow) => formatProductQuantity(q, p, INTL_LOCALE[locale]);
  const stockOf = (id: string) => ledger.stock.get(id) ?? 0;
  const isLow = (p: ProductRow) => {
    const reorder = levels.get(p.id)?.reorderLevel;
    return reorder !== null && reorder !== undefined && stockOf(p.id) <= reorder;
  };
  const q = query.trim().toLowerCase();
  const matches = products.filter(
    (p) =>
      (!q || p.name.toLowerCase().includes(q) || p.sku.toLowerCase().includes(q) || p.barcode === query.trim()) &&
      (!lowOnly || isLow(p)),
  );
  const selected = selectedId ? byId.get(selectedId) : undefined;

  return (
    <main className="screen inventory" aria-labelledby="inventory-title">
      <h1 id="inventory-title">{t('title')}</h1>
      <div className="inventory-grid">
        <section className="card stock-list" aria-label={t('stock')}>
          <div className="row-form">
            <input
              type="search"
              aria-label={t('search')}
              placeholder={t('search')}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
            <label className="check">
              <input type="checkbox" checked={lowOnly} onChange={(e) => setLowOnly(e.target.checked)} />
              {t('lowOnly')}
            </label>
          </div>
          <StockTable
            matches={matches}
            stockOf={stockOf}
            levels={levels}
            isLow={isLow}
            selectedId={selectedId}
            onSelect={(id) => (setSelectedId(id), setMessage(null))}
            quantity={quantity}
          />
        </section>
        <div className="inventory-side">
          {selected && (
            <ProductStockCard
              key={selected.id}
              product={selected}
              shownQty={stockOf(selected.id)}
              believedLevelSeq={levels.get(selected.id)?.seq ?? 0}
              others={others.filter((o) => o.productId === selected.id && o.locationId !== pairing.branch.locationId)}
              now={now}
              quantity={quantity}
              onMessage={setMessage}
            />
          )}
          {message && (
            <p role={message.alert ? 'alert' : 'status'} className={message.alert ? 'error' : 'notice ok'}>
              {message.text}
            </p>
          )}
          <TransfersPanel
            products={byId}
            locationNames={new Map(others.map((o) => [o.locationId, o.locationName || o.locationId]))}
          />
        </div>
      </div>
    </main>
  );
}
