import { useEffect, useMemo, useRef, useState } from 'react';
import { combineLatest, distinctUntilChanged, map } from 'rxjs';
import type { Payment } from '../../../shared/protocol';
import type { PosDatabase, ProductRow, SaleRow } from '../../sync/collections';
import { chargeSale, prepareSaleNumbering } from '../../sync/commit-sale';
import type { DevicePairing } from '../../sync/device-pairing';
import type { SyncLedger } from '../../sync/displayed-stock-view';
import type { SyncEngine } from '../../sync/sync-engine';
import { useCatalogueIndex } from '../catalogue-search/use-catalogue-index';
import { useT } from '../i18n';
import { Receipt } from '../receipt/Receipt';
import { RefundScreen } from '../refund/RefundScreen';
import { useSession } from '../session/session-context';
import { SyncStatusBar } from '../SyncStatusBar';
import { TopBar } from '../TopBar';
import { UpdateBanner } from '../UpdateBanner';
import { CartPanel } from './CartPanel';
import {
  addProduct,
  cartTotals,
  emptyCart,
  loadDraftCart,
  saveDraftCart,
  setDiscount,
  setQuantity,
  toCartLine,
  type DraftCart,
} from './draft-cart';
import { PaymentPanel } from './PaymentPanel';
import { ProductFinder } from './ProductFinder';
import { sellMessages } from './sell-messages';
import { useBarcodeWedge } from './use-barcode-wedge';
import { useBenchHooks } from './bench-hooks';
import { useObservable } from '../use-observable';
import './sell.css';

type Stage = { kind: 'cart' } | { kind: 'payment' } | { kind: 'paid'; sale: SaleRow };

interface SellScreenProps {
  db: PosDatabase;
  pairing: DevicePairing;
  engine: SyncEngine;
  /** Displayed stock and pending documents, observed once by the shell for every screen. */
  ledger: SyncLedger;
  money: (cents: number) => string;
  cashierName: string;
}

export function SellScreen({ db, pairing, engine, ledger, money, cashierName }: SellScreenProps) {
  const t = useT(sellMessages);
  const session = useSession();
  const { index, version, ready } = useCatalogueIndex(db);
  // Only the yes/no: the engine's progress changes with every product pulled, and this screen is
  // too big to redraw that often (the sync bar shows the numbers).
  const downloading$ = useMemo(
    () =>
      combineLatest([engine.link$, engine.catalogue$]).pipe(
        map(([l, c]) => l.connected && !c.done),
        distinctUntilChanged(),
      ),
    [engine],
  );
  const downloading = useObservable(downloading$, engine.link$.value.connected && !engine.catalogue$.value.done);
  useBenchHooks(db, pairing, index);
  const [mode, setMode] = useState<'sell' | 'refund'>('sell');
  const [cart, setCartState] = useState<DraftCart>(() => loadDraftCart(pairing.deviceId));
  const [stage, setStage] = useState<Stage>({ kind: 'cart' });
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ text: string; alert: boolean } | null>(null);
  const committing = useRef(false);
  const [refundScan, setRefundScan] = useState<{ code: string; at: number } | null>(null);

  const totals = useMemo(() => cartTotals(cart), [cart]);
  const overs = cart.lines
    .map((l) => ({ name: l.name, after: (ledger.stock.get(l.productId) ?? 0) - l.quantity }))
    .filter((l) => l.after < 0);
  const blocked = session.settings?.allowOversell === false && overs.length > 0;

  function setCart(update: (c: DraftCart) => DraftCart) {
    setCartState((c) => {
      const next = update(c);
      saveDraftCart(pairing.deviceId, next);
      return next;
    });
  }

  // The receipt counter is read once now rather than on the first tap of "charge".
  useEffect(() => {
    prepareSaleNumbering(db, pairing.deviceId).catch((err: unknown) =>
      setError(t('saleFailed', { message: err instanceof Error ? err.message : String(err) })),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, pairing.deviceId]);

  // A cart that outlived a crash right after its sale was saved: that sale exists, do not charge it again.
  useEffect(() => {
    void db.sales
      .findOne(cart.id)
      .exec()
      .then((sold) => {
        if (sold) {
          setCart(() => emptyCart());
          setStage({ kind: 'paid', sale: sold.toJSON() as SaleRow });
        }
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db]);

  function add(p: Pick<ProductRow, 'id' | 'sku' | 'name' | 'priceCents' | 'taxRateBp'>, delta = 1) {
    if (stage.kind === 'paid') setStage({ kind: 'cart' });
    if (stage.kind === 'payment') return;
    setError(null);
    setCart((c) => addProduct(c, p, delta));
  }

  function scan(code: string) {
    if (mode === 'refund') {
      setRefundScan({ code, at: Date.now() });
      return;
    }
    const product = index.byBarcodeOrSku(code);
    if (!product) {
      setNotice({ text: t('unknownBarcode', { code }), alert: true });
      return;
    }
    if (stage.kind === 'payment') return;
    add(product);
    setNotice({ text: t('scanned', { name: product.name }), alert: false });
  }
  useBarcodeWedge(scan);

  async function charge(payments: Payment[]) {
    const start = performance.now();
    // No re-render before the write: a render here would delay the commit by its own length.
    // A second tap meanwhile is harmless: the cart id makes it the same ticket.
    if (committing.current) return;
    committing.current = true;
    try {
      const { sale, stored, durableAt } = await chargeSale(db, pairing, {
        id: cart.id,
        lines: cart.lines.map(toCartLine),
        payments,
        cashierId: session.cashier?.id ?? null,
        cashierName,
        shiftId: session.shiftId,
      });
      // For the POS benchmark: tap → durable in IndexedDB (in the journal's worker), and tap → this
      // thread knows it (after the frame the tap itself makes the browser render).
      performance.measure('pos:commit', { start, end: durableAt - performance.timeOrigin });
      performance.measure('pos:commit-seen', { start, end: performance.now() });
      // The ticket is safe in the journal; if copying it into the sales database fails, the next
      // start copies it, and the cashier is told now.
      stored.catch((err: unknown) =>
        setError(
          t('saleNotStored', {
            receipt: sale.receiptNumber,
            message: err instanceof Error ? err.message : String(err),
          }),
        ),
      );
      // Only now, with the ticket durable in IndexedDB, does the cashier see "paid".
      setCart(() => emptyCart());
      setError(null);
      setStage({ kind: 'paid', sale });
    } catch (err) {
      setError(t('saleFailed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      committing.current = false;
    }
  }

  const canCharge = cart.lines.length > 0 && !blocked;

  return (
    <div className="pos">
      <TopBar pairing={pairing} cashierName={cashierName}>
        <div role="tablist" aria-label={t('mode')} className="modes">
          <button type="button" role="tab" aria-selected={mode === 'sell'} onClick={() => setMode('sell')}>
            {t('sell')}
          </button>
          <button type="button" role="tab" aria-selected={mode === 'refund'} onClick={() => setMode('refund')}>
            {t('refunds')}
          </button>
        </div>
      </TopBar>
      <SyncStatusBar engine={engine} pending={ledger.pending} money={money} />
      <UpdateBanner cartEmpty={cart.lines.length === 0 && stage.kind !== 'payment'} />
      {notice && (
        <p role={notice.alert ? 'alert' : 'status'} className={notice.alert ? 'error notice' : 'notice ok'}>
          {notice.text}
          <button type="button" className="ghost" aria-label="OK" onClick={() => setNotice(null)}>
            ✕
          </button>
        </p>
      )}
      {mode === 'refund' ? (
        <main className="sell single">
          <RefundScreen
            db={db}
            pairing={pairing}
            money={money}
            settings={session.settings}
            cashier={{ id: session.cashier?.id ?? null, name: cashierName, shiftId: session.shiftId }}
            scanned={refundScan}
          />
        </main>
      ) : (
        <main className="sell">
          <ProductFinder
            index={index}
            version={version}
            ready={ready}
            downloading={downloading}
            stock={ledger.stock}
            money={money}
            onAdd={(p) => add(p)}
            onScan={scan}
          />
          <section className="cart" aria-label={t('cart')}>
            <h2>{t('cart')}</h2>
            {stage.kind === 'paid' ? (
              <div className="paid">
                <div role="status">
                  <p className="paid-title">✓ {t('paid')}</p>
                  <p>
                    {t('receipt')} <strong data-testid="receipt-number">{stage.sale.receiptNumber}</strong>
                  </p>
                  <p className="change-due">
                    {t('changeDue')}:{' '}
                    <strong data-testid="change-due">
                      {money(
                        stage.sale.payments.reduce(
                          (s, p) => s + (p.method === 'cash' && p.tenderedCents ? p.tenderedCents - p.amountCents : 0),
                          0,
                        ),
                      )}
                    </strong>
                  </p>
                </div>
                <button type="button" className="primary" onClick={() => setStage({ kind: 'cart' })}>
                  {t('newSale')}
                </button>
                <Receipt sale={stage.sale} branchName={pairing.branch.name} settings={session.settings} money={money} />
              </div>
            ) : cart.lines.length === 0 ? (
              <p className="hint">{t('cartEmpty')}</p>
            ) : (
              <>
                <CartPanel
                  cart={cart}
                  totals={totals}
                  money={money}
                  actions={{
                    add: (id, delta) => {
                      const l = cart.lines.find((x) => x.productId === id);
                      if (l)
                        add({ id, sku: l.sku, name: l.name, priceCents: l.priceCents, taxRateBp: l.taxRateBp }, delta);
                    },
                    setQuantity: (id, q) => setCart((c) => setQuantity(c, id, q)),
                    setDiscount: (id, d, reason) => setCart((c) => setDiscount(c, id, d, reason)),
                  }}
                />
                {overs.map((o) => (
                  <p key={o.name} className={blocked ? 'error' : 'warning'} role={blocked ? 'alert' : 'note'}>
                    {t(blocked ? 'oversellBlocked' : 'oversellWarning', { name: o.name, qty: o.after })}
                  </p>
                ))}
                {error && (
                  <p role="alert" className="error">
                    {error}
                  </p>
                )}
                {stage.kind === 'payment' ? (
                  <PaymentPanel
                    totalCents={totals.totalCents}
                    money={money}
                    busy={false}
                    onComplete={(p) => void charge(p)}
                    onCancel={() => setStage({ kind: 'cart' })}
                  />
                ) : (
                  <div className="charge-buttons">
                    <button
                      type="button"
                      className="primary charge"
                      disabled={!canCharge || totals.totalCents === 0}
                      onClick={() =>
                        void charge([
                          { method: 'cash', amountCents: totals.totalCents, tenderedCents: totals.totalCents },
                        ])
                      }
                    >
                      {t('chargeCash')} {money(totals.totalCents)}
                    </button>
                    <button
                      type="button"
                      className="charge secondary"
                      disabled={!canCharge || totals.totalCents === 0}
                      onClick={() => setStage({ kind: 'payment' })}
                    >
                      {t('pay')}
                    </button>
                  </div>
                )}
              </>
            )}
          </section>
        </main>
      )}
    </div>
  );
}
