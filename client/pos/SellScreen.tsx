import { useMemo, useState } from 'react';
import { formatMoney } from '../../shared/money';
import { saleTotal } from '../../shared/sale/sale-arithmetic';
import type { PosDatabase, ProductRow, SaleRow } from '../sync/collections';
import { commitSale, type CartLine } from '../sync/commit-sale';
import type { DevicePairing } from '../sync/device-pairing';
import { observeSyncLedger } from '../sync/displayed-stock-view';
import type { SyncEngine } from '../sync/sync-engine';
import { INTL_LOCALE, useI18n } from './i18n';
import { LanguageToggle } from './LanguageToggle';
import { SyncStatusBar } from './SyncStatusBar';
import { UpdateBanner } from './UpdateBanner';
import { useObservable } from './use-observable';

export function SellScreen({ db, pairing, engine }: { db: PosDatabase; pairing: DevicePairing; engine: SyncEngine }) {
  const { t, locale } = useI18n();
  const money = (cents: number) => formatMoney(cents, pairing.branch.currency, INTL_LOCALE[locale]);
  const products$ = useMemo(() => db.products.find({ sort: [{ name: 'asc' }] }).$, [db]);
  const productDocs = useObservable(products$, []);
  const products = useMemo(() => productDocs.map((d) => d.toJSON() as ProductRow), [productDocs]);
  const ledger$ = useMemo(() => observeSyncLedger(db, pairing.branch.locationId, pairing.deviceId), [db, pairing]);
  const ledger = useObservable(ledger$, { stock: new Map<string, number>(), pending: { count: 0, valueCents: 0, rejected: 0 } });
  const [query, setQuery] = useState('');
  const [cart, setCart] = useState<CartLine[]>([]);
  const [paid, setPaid] = useState<SaleRow | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [charging, setCharging] = useState(false);

  const visible = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return products;
    return products.filter((p) => p.name.toLowerCase().includes(q) || p.sku.toLowerCase().includes(q) || p.barcode === q);
  }, [products, query]);

  const total = saleTotal(cart.map((l) => ({ unitPriceCents: l.product.priceCents, quantity: l.quantity })));
  const oversold = cart
    .map((l) => ({ name: l.product.name, after: (ledger.stock.get(l.product.id) ?? 0) - l.quantity }))
    .filter((l) => l.after < 0);

  function add(product: ProductRow, delta = 1) {
    setPaid(null);
    setError(null);
    setCart((lines) => {
      const existing = lines.find((l) => l.product.id === product.id);
      if (!existing) return delta > 0 ? [...lines, { product, quantity: delta }] : lines;
      return lines
        .map((l) => (l.product.id === product.id ? { ...l, quantity: l.quantity + delta } : l))
        .filter((l) => l.quantity > 0);
    });
  }

  async function chargeCash() {
    setCharging(true);
    setError(null);
    try {
      const sale = await commitSale(db, pairing, { lines: cart, payments: [{ method: 'cash', amountCents: total, tenderedCents: total }], cashierName: pairing.deviceNumber ? `Caja ${pairing.deviceNumber}` : '' });
      // Only now, with the ticket durable in IndexedDB, does the cashier see "paid".
      setCart([]);
      setPaid(sale);
    } catch (err) {
      setError(t('saleFailed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setCharging(false);
    }
  }

  return (
    <div className="pos">
      <header className="topbar">
        <div className="brand">
          <strong>{t('appTitle')}</strong>
          <span>
            {t('branch')}: {pairing.branch.name} · {t('device')} {pairing.deviceNumber}
          </span>
        </div>
        <LanguageToggle />
      </header>
      <SyncStatusBar engine={engine} pending={ledger.pending} money={money} />
      <UpdateBanner cartEmpty={cart.length === 0} />
      <main className="sell">
        <section className="catalogue" aria-label={t('products')}>
          <input type="search" className="search" aria-label={t('search')} placeholder={t('search')} value={query} onChange={(e) => setQuery(e.target.value)} />
          {products.length === 0 && <p className="hint">{t('noProducts')}</p>}
          <ul className="product-grid">
            {visible.map((p) => {
              const stock = ledger.stock.get(p.id) ?? 0;
              return (
                <li key={p.id}>
                  <button type="button" className="product" aria-label={t('addToCart', { name: p.name })} onClick={() => add(p)}>
                    <span className="product-name">{p.name}</span>
                    <span className="product-price">{money(p.priceCents)}</span>
                    <span className={stock <= 0 ? 'product-stock low' : 'product-stock'} data-testid={`stock-${p.sku}`}>
                      {t('stock')}: {stock}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
        <section className="cart" aria-label={t('cart')}>
          <h2>{t('cart')}</h2>
          {paid ? (
            <div className="paid" role="status">
              <p className="paid-title">✓ {t('paid')}</p>
              <p>
                {t('receipt')} <strong data-testid="receipt-number">{paid.receiptNumber}</strong>
              </p>
              <p>
                {t('total')}: {money(paid.totalCents)}
              </p>
              <button type="button" className="primary" onClick={() => setPaid(null)}>
                {t('newSale')}
              </button>
            </div>
          ) : cart.length === 0 ? (
            <p className="hint">{t('cartEmpty')}</p>
          ) : (
            <>
              <ul className="cart-lines">
                {cart.map((l) => (
                  <li key={l.product.id}>
                    <span className="line-name">{l.product.name}</span>
                    <span className="qty">
                      <button type="button" aria-label={t('decrease', { name: l.product.name })} onClick={() => add(l.product as ProductRow, -1)}>
                        −
                      </button>
                      <span aria-live="polite">{l.quantity}</span>
                      <button type="button" aria-label={t('increase', { name: l.product.name })} onClick={() => add(l.product as ProductRow, 1)}>
                        +
                      </button>
                    </span>
                    <span className="line-total">{money(l.product.priceCents * l.quantity)}</span>
                    <button type="button" className="ghost" aria-label={t('remove', { name: l.product.name })} onClick={() => add(l.product as ProductRow, -l.quantity)}>
                      ✕
                    </button>
                  </li>
                ))}
              </ul>
              {oversold.map((o) => (
                <p key={o.name} className="warning" role="note">
                  {t('oversellWarning', { name: o.name, qty: o.after })}
                </p>
              ))}
              <p className="total">
                <span>{t('total')}</span> <strong data-testid="cart-total">{money(total)}</strong>
              </p>
              {error && (
                <p role="alert" className="error">
                  {error}
                </p>
              )}
              <button type="button" className="primary charge" disabled={charging} onClick={() => void chargeCash()}>
                {t('chargeCash')} {money(total)}
              </button>
            </>
          )}
        </section>
      </main>
    </div>
  );
}
