import { useMemo, useState } from 'react';
import { combineLatest, distinctUntilChanged, map } from 'rxjs';
import { MAX_LINE_QUANTITY } from '../../../shared/sale/quantity';
import type { ProductRow } from '../../sync/collections';
import type { DevicePairing } from '../../sync/device-pairing';
import type { SyncLedger } from '../../sync/displayed-stock-view';
import type { PosStore } from '../../sync/pos-database';
import type { SyncEngine } from '../../sync/sync-engine';
import { useCatalogueIndex } from '../catalogue-search/use-catalogue-index';
import { INTL_LOCALE, useI18n, useT } from '../i18n';
import { useSession } from '../session/session-context';
import { SyncStatusBar } from '../SyncStatusBar';
import { TopBar } from '../TopBar';
import { UpdateBanner } from '../UpdateBanner';
import { useObservable } from '../use-observable';
import { CartPanel } from './CartPanel';
import {
  addProduct,
  addWeighed,
  cartTotals,
  setDiscount,
  setPrice,
  setQuantity,
  setTicketDiscount,
} from './draft-cart';
import { scanProblemText, useScanResolver } from './use-scan-resolver';
import { PaidPanel } from './PaidPanel';
import { ParkedCarts } from './ParkedCarts';
import { PaymentPanel } from './PaymentPanel';
import { ProductFinder } from './ProductFinder';
import { sellMessages } from './sell-messages';
import { TicketDiscount } from './TicketDiscount';
import { ticketDiscountMessages } from './ticket-discount-messages';
import { useChargeApprovals } from './use-charge-approvals';
import { useBarcodeWedge } from './use-barcode-wedge';
import type { Checkout } from './use-checkout';
import './sell.css';

interface SellScreenProps {
  store: PosStore;
  pairing: DevicePairing;
  engine: SyncEngine;
  /** Displayed stock and pending documents, observed once by the shell for every screen. */
  ledger: SyncLedger;
  money: (cents: number) => string;
  cashierName: string;
  /** The cart and its charge; kept by the shell, so it survives a visit to another section. */
  checkout: Checkout;
}

export function SellScreen({ store, pairing, engine, ledger, money, cashierName, checkout }: SellScreenProps) {
  const { db } = store;
  const t = useT(sellMessages);
  const { locale } = useI18n();
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
  const { cart, stage, setCart, setStage, problem } = checkout;
  const [notice, setNotice] = useState<{ text: string; alert: boolean } | null>(null);

  const totals = useMemo(() => cartTotals(cart), [cart]);
  const overs = cart.lines
    .map((l) => ({ name: l.name, after: (ledger.stock.get(l.productId) ?? 0) - l.quantity }))
    .filter((l) => l.after < 0);
  const blocked = session.settings?.allowOversell === false && overs.length > 0;
  const error =
    problem &&
    (problem.kind === 'saleFailed'
      ? t('saleFailed', { message: problem.message })
      : problem.kind === 'parkFailed'
        ? t('parkFailed', { message: problem.message })
        : t('saleNotStored', { receipt: problem.receipt, message: problem.message }));

  function add(
    p: Pick<ProductRow, 'id' | 'sku' | 'name' | 'priceCents' | 'taxRateBp'> &
      Partial<Pick<ProductRow, 'unit' | 'quantityDecimals'>>,
    units = 1,
  ) {
    if (stage.kind === 'payment' || stage.kind === 'loading') return;
    // A weighed product is added one whole unit (1 kg) at a time; the cashier types its weight.
    const delta = units * 10 ** (p.quantityDecimals ?? 0);
    const inCart = stage.kind === 'cart' ? (cart.lines.find((l) => l.productId === p.id)?.quantity ?? 0) : 0;
    if (inCart + delta > MAX_LINE_QUANTITY)
      return setNotice({
        text: t('quantityTooLarge', { name: p.name, max: MAX_LINE_QUANTITY.toLocaleString(INTL_LOCALE[locale]) }),
        alert: true,
      });
    if (stage.kind !== 'cart' || stage.restored) setStage({ kind: 'cart' });
    checkout.clearProblem();
    setCart((c) => addProduct(c, p, delta));
  }

  const resolve = useScanResolver(index, pairing.branch.currency);
  function scan(code: string) {
    const found = resolve(code);
    if (found.kind !== 'product' && found.kind !== 'weighed')
      return setNotice({ text: scanProblemText(t, found, code), alert: true });
    if (stage.kind === 'payment' || stage.kind === 'loading') return;
    if (found.kind === 'product') add(found.product);
    else {
      if (stage.kind !== 'cart' || stage.restored) setStage({ kind: 'cart' });
      checkout.clearProblem();
      setCart((c) => addWeighed(c, found.product, found.quantity, found.labelPriceCents));
    }
    setNotice({ text: t('scanned', { name: found.product.name }), alert: false });
  }
  useBarcodeWedge(scan);

  const author = { cashierId: session.cashier?.id ?? null, cashierName, shiftId: session.shiftId };
  const askApprovals = useChargeApprovals(money);
  const approvalText = useT(ticketDiscountMessages);
  const charge = (payments: Parameters<Checkout['charge']>[0]) =>
    void askApprovals(totals).then((approvals) =>
      approvals
        ? (setNotice(null), checkout.charge(payments, author, approvals))
        : setNotice({ text: approvalText('approvalCancelled'), alert: true }),
    );

  const canCharge = cart.lines.length > 0 && !blocked;

  return (
    <div className="pos">
      <TopBar pairing={pairing} cashierName={cashierName} />
      <SyncStatusBar db={db} engine={engine} pending={ledger.pending} money={money} />
      <UpdateBanner cartEmpty={cart.lines.length === 0 && stage.kind !== 'payment'} />
      {notice && (
        <p role={notice.alert ? 'alert' : 'status'} className={notice.alert ? 'error notice' : 'notice ok'}>
          {notice.text}
          <button type="button" className="ghost" aria-label="OK" onClick={() => setNotice(null)}>
            ✕
          </button>
        </p>
      )}
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
          quickKeys={session.settings?.quickKeys}
        />
        <section className="cart" aria-label={t('cart')}>
          <h2>{t('cart')}</h2>
          {stage.kind === 'loading' ? (
            <p className="hint">{t('loadingCart')}</p>
          ) : stage.kind === 'paid' ? (
            <PaidPanel
              sale={stage.sale}
              recovered={stage.recovered === true}
              branchName={pairing.branch.name}
              settings={session.settings}
              money={money}
              onNewSale={checkout.newSale}
            />
          ) : cart.lines.length === 0 ? (
            <>
              <p className="hint">{t('cartEmpty')}</p>
              {error && (
                <p role="alert" className="error">
                  {error}
                </p>
              )}
            </>
          ) : (
            <>
              {stage.kind === 'cart' && stage.restored && (
                <p role="status" className="notice ok" data-testid="restored-cart">
                  {t('restoredCart')}
                </p>
              )}
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
                  setPrice: (id, cents) => setCart((c) => setPrice(c, id, cents)),
                }}
              />
              {stage.kind === 'cart' && (
                <TicketDiscount
                  cart={cart}
                  totals={totals}
                  money={money}
                  onApply={(d, reason) => setCart((c) => setTicketDiscount(c, d, reason))}
                />
              )}
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
                  onComplete={charge}
                  onCancel={() => setStage({ kind: 'cart' })}
                />
              ) : (
                <div className="charge-buttons">
                  <button
                    type="button"
                    className="primary charge"
                    disabled={!canCharge || totals.totalCents === 0}
                    onClick={() =>
                      charge([{ method: 'cash', amountCents: totals.totalCents, tenderedCents: totals.totalCents }])
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
          {(stage.kind === 'cart' || stage.kind === 'paid') && (
            <ParkedCarts
              parked={checkout.parked}
              canPark={stage.kind === 'cart' && cart.lines.length > 0}
              canResume={cart.lines.length === 0}
              money={money}
              onPark={(name) => void checkout.park(name)}
              onResume={(id) => void checkout.resume(id)}
            />
          )}
        </section>
      </main>
    </div>
  );
}
