import { MAX_LINE_QUANTITY } from '../../../shared/sale/quantity';
import { INTL_LOCALE, useI18n, useT } from '../i18n';
import type { CartActions } from './CartPanel';
import { addProduct, addWeighed, setDiscount, setPrice, setQuantity, type CartProduct } from './draft-cart';
import type { ScannedProduct } from './scan-resolve';
import { sellMessages } from './sell-messages';
import type { SellNoticeText } from './SellNotice';
import type { Checkout } from './use-checkout';
import { scanProblemText, useScanResolver } from './use-scan-resolver';

export interface CartEditing {
  /** Adds `units` whole units of a product (a weighed product: 1 kg each, its weight typed after). */
  add(product: CartProduct, units?: number): void;
  /** Adds what a scanned code names: a product, or the weight a scale label prints. */
  scan(code: string): void;
  /** What the cart's lines offer: step, type a quantity, remove, discount, change the price. */
  lineActions: CartActions;
}

/**
 * What the cashier does to the cart on the selling screen. Nothing is added while the cart is loading
 * or being paid, and no line goes past MAX_LINE_QUANTITY; adding to a restored cart makes it the
 * cashier's cart again and clears the last charge's problem.
 */
export function useCartEditing(
  checkout: Checkout,
  catalogue: { byBarcodeOrSku(code: string): ScannedProduct | undefined },
  currency: string,
  notify: (notice: SellNoticeText | null) => void,
): CartEditing {
  const t = useT(sellMessages);
  const { locale } = useI18n();
  const { cart, stage, setCart, setStage } = checkout;
  const resolve = useScanResolver(catalogue, currency);

  function takeCart() {
    if (stage.kind !== 'cart' || stage.restored) setStage({ kind: 'cart' });
    checkout.clearProblem();
  }

  /** True when the units were added; false when the cart is busy or the line would pass its limit (said). */
  function add(p: CartProduct, units = 1): boolean {
    if (stage.kind === 'payment' || stage.kind === 'loading') return false;
    // A weighed product is added one whole unit (1 kg) at a time; the cashier types its weight.
    const delta = units * 10 ** (p.quantityDecimals ?? 0);
    const inCart = stage.kind === 'cart' ? (cart.lines.find((l) => l.productId === p.id)?.quantity ?? 0) : 0;
    if (inCart + delta > MAX_LINE_QUANTITY) {
      notify({
        text: t('quantityTooLarge', { name: p.name, max: MAX_LINE_QUANTITY.toLocaleString(INTL_LOCALE[locale]) }),
        alert: true,
      });
      return false;
    }
    takeCart();
    setCart((c) => addProduct(c, p, delta));
    return true;
  }

  function scan(code: string) {
    const found = resolve(code);
    if (found.kind !== 'product' && found.kind !== 'weighed')
      return notify({ text: scanProblemText(t, found, code), alert: true });
    if (stage.kind === 'payment' || stage.kind === 'loading') return;
    // The limit's alert stays on screen: nothing was scanned into the cart.
    if (found.kind === 'product') {
      if (!add(found.product)) return;
    } else {
      takeCart();
      setCart((c) => addWeighed(c, found.product, found.quantity, found.labelPriceCents));
    }
    notify({ text: t('scanned', { name: found.product.name }), alert: false });
  }

  const lineActions: CartActions = {
    add: (id, delta) => {
      const l = cart.lines.find((x) => x.productId === id);
      if (l) add({ id, sku: l.sku, name: l.name, priceCents: l.priceCents, taxRateBp: l.taxRateBp }, delta);
    },
    setQuantity: (id, q) => setCart((c) => setQuantity(c, id, q)),
    setDiscount: (id, d, reason) => setCart((c) => setDiscount(c, id, d, reason)),
    setPrice: (id, cents) => setCart((c) => setPrice(c, id, cents)),
  };

  return { add, scan, lineActions };
}
