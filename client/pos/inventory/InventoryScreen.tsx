import { useEffect, useMemo, useState } from 'react';
import { map } from 'rxjs';
import type { OtherStockRow, PosDatabase, ProductRow, StockRow } from '../../sync/collections';
import { recordCount } from '../../sync/device-documents';
import type { DevicePairing } from '../../sync/device-pairing';
import type { SyncLedger } from '../../sync/displayed-stock-view';
import { INTL_LOCALE, useI18n, useT } from '../i18n';
import { useObservable } from '../use-observable';
import { inventoryMessages } from './inventory-messages';
import { relativeAge } from './relative-age';
import { TransfersPanel } from './TransfersPanel';

const PAGE = 100;

/** The branch's stock on the tablet: search, low stock, other stores, counts, transfers in. */
export function InventoryScreen({
  db,
  pairing,
  ledger,
  cashierId,
}: {
  db: PosDatabase;
  pairing: DevicePairing;
  ledger: SyncLedger;
  cashierId: string | null;
}) {
  const t = useT(inventoryMessages);
  const { locale } = useI18n();
  const products$ = useMemo(
    () =>
      db.products
        .find()
        .$.pipe(map((d) => d.map((x) => x.toJSON() as ProductRow).sort((a, b) => a.name.localeCompare(b.name)))),
    [db],
  );
  const levels$ = useMemo(
    () =>
      db.stock
        .find({ selector: { locationId: pairing.branch.locationId } })
        .$.pipe(map((d) => new Map(d.map((x) => [x.productId, x.toJSON() as StockRow])))),
    [db, pairing],
  );
  const others$ = useMemo(
    () => db.otherstock.find().$.pipe(map((d) => d.map((x) => x.toJSON() as OtherStockRow))),
    [db],
  );
  const products = useObservable(products$, [] as ProductRow[]);
  const levels = useObservable(levels$, new Map<string, StockRow>());
  const others = useObservable(others$, [] as OtherStockRow[]);
  const [query, setQuery] = useState('');
  const [lowOnly, setLowOnly] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [countText, setCountText] = useState('');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ text: string; alert: boolean } | null>(null);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const byId = useMemo(() => new Map(products.map((p) => [p.id, p])), [products]);
  const isLow = (p: ProductRow) => {
    const reorder = levels.get(p.id)?.reorderLevel;
    return reorder !== null && reorder !== undefined && (ledger.stock.get(p.id) ?? 0) <= reorder;
  };
  const q = query.trim().toLowerCase();
  const matches = products.filter(
    (p) =>
      (!q || p.name.toLowerCase().includes(q) || p.sku.toLowerCase().includes(q) || p.barcode === query.trim()) &&
      (!lowOnly || isLow(p)),
  );
  const selected = selectedId ? byId.get(selectedId) : undefined;
  const selectedOthers = selected
    ? others.filter((o) => o.productId === selected.id && o.locationId !== pairing.branch.locationId)
    : [];
  const shownQty = selected ? (ledger.stock.get(selected.id) ?? 0) : 0;

  async function saveCount() {
    if (!selected) return;
    const counted = Number(countText);
    if (countText.trim() === '' || !Number.isInteger(counted) || counted < 0)
      return setMessage({ text: t('badQuantity'), alert: true });
    await recordCount(db, pairing, {
      productId: selected.id,
      countedQuantity: counted,
      believedQuantity: shownQty,
      believedLevelSeq: levels.get(selected.id)?.seq ?? 0,
      note: note.trim(),
      cashierId,
    });
    setCountText('');
    setNote('');
    setMessage({ text: t('countSaved', { name: selected.name, qty: counted }), alert: false });
  }

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
          <table>
            <thead>
              <tr>
                <th scope="col">{t('product')}</th>
                <th scope="col">{t('stock')}</th>
                <th scope="col">{t('reorder')}</th>
              </tr>
            </thead>
            <tbody>
              {matches.slice(0, PAGE).map((p) => {
                const low = isLow(p);
                return (
                  <tr
                    key={p.id}
                    className={[low ? 'low' : '', p.id === selectedId ? 'selected' : ''].join(' ')}
                    data-testid={`inv-${p.sku}`}
                  >
                    <td>
                      <button
                        type="button"
                        className="link"
                        aria-label={t('select', { name: p.name })}
                        onClick={() => (setSelectedId(p.id), setMessage(null))}
                      >
                        {p.name} <small>{p.sku}</small>
                      </button>
                    </td>
                    <td data-testid={`inv-stock-${p.sku}`}>
                      {ledger.stock.get(p.id) ?? 0}
                      {low && <span className="badge low"> {t('low')}</span>}
                    </td>
                    <td>{levels.get(p.id)?.reorderLevel ?? '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {matches.length > PAGE && <p className="hint">{t('showing', { shown: PAGE, total: matches.length })}</p>}
        </section>
        <div className="inventory-side">
          {selected && (
            <section className="card" aria-label={t('details', { name: selected.name })}>
              <h2>{selected.name}</h2>
              <p>
                {t('stock')}: <strong data-testid="detail-stock">{shownQty}</strong>
              </p>
              <h3>{t('otherStores')}</h3>
              {selectedOthers.length === 0 ? (
                <p className="hint">{t('noOtherStores')}</p>
              ) : (
                <ul className="other-stores" data-testid="other-stores">
                  {selectedOthers.map((o) => (
                    <li key={o.id}>
                      <strong>{o.locationName || o.locationId}</strong>: {o.quantity}{' '}
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
                  {t('counted', { name: selected.name })}
                  <input
                    id="count-qty"
                    inputMode="numeric"
                    value={countText}
                    onChange={(e) => setCountText(e.target.value.replace(/[^\d]/g, ''))}
                  />
                </label>
                <label className="field" htmlFor="count-note">
                  {t('note')}
                  <input id="count-note" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
                </label>
                <p className="hint">{t('believed', { qty: shownQty })}</p>
                <button type="submit" className="primary">
                  {t('saveCount')}
                </button>
              </form>
            </section>
          )}
          {message && (
            <p role={message.alert ? 'alert' : 'status'} className={message.alert ? 'error' : 'notice ok'}>
              {message.text}
            </p>
          )}
          <TransfersPanel
            db={db}
            pairing={pairing}
            products={byId}
            locationNames={new Map(others.map((o) => [o.locationId, o.locationName || o.locationId]))}
            cashierId={cashierId}
          />
        </div>
      </div>
    </main>
  );
}
