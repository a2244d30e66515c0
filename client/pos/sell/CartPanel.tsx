import { useState } from 'react';
import type { LineDiscountInput } from '../../../shared/sale/cart-math';
import { formatQuantity, MAX_LINE_QUANTITY, parseQuantityIn } from '../../../shared/sale/quantity';
import { INTL_LOCALE, useI18n, useT } from '../i18n';
import type { CartTotals, DraftCart, DraftLine } from './draft-cart';
import { DiscountEditor } from './DiscountEditor';
import { PriceOverride } from './PriceOverride';
import { priceOverrideMessages } from './price-override-messages';
import { sellMessages } from './sell-messages';

export interface CartActions {
  add: (productId: string, delta: number) => void;
  setQuantity: (productId: string, quantity: number) => void;
  setDiscount: (productId: string, discount: LineDiscountInput | null, reason: string) => void;
  setPrice: (productId: string, cents: number) => void;
}

/** Lines of the ticket with quantity, discount and remove; the totals with tax broken out. */
export function CartPanel({
  cart,
  totals,
  money,
  actions,
}: {
  cart: DraftCart;
  totals: CartTotals;
  money: (c: number) => string;
  actions: CartActions;
}) {
  const t = useT(sellMessages);
  const price = useT(priceOverrideMessages);
  const [editing, setEditing] = useState<string | null>(null);
  const [quantityProblem, setQuantityProblem] = useState<{ productId: string; message: string } | null>(null);
  return (
    <>
      <ul className="cart-lines">
        {cart.lines.map((l, i) => {
          const sold = totals.lines[i]!;
          return (
            <li key={l.productId}>
              <div className="line-main">
                <span className="line-name">{l.name}</span>
                <span className="line-total" data-testid={`line-total-${l.sku}`}>
                  {money(sold.lineTotalCents)}
                </span>
              </div>
              <div className="line-controls">
                <span className="qty">
                  {!isWeighed(l) && (
                    <button
                      type="button"
                      aria-label={t('decrease', { name: l.name })}
                      onClick={() => actions.add(l.productId, -1)}
                    >
                      −
                    </button>
                  )}
                  <QuantityInput
                    line={l}
                    label={
                      isWeighed(l)
                        ? t('weighedQuantity', { name: l.name, unit: l.unit ?? 'kg' })
                        : t('quantity', { name: l.name })
                    }
                    onCommit={(q) => actions.setQuantity(l.productId, q)}
                    onProblem={(message) => setQuantityProblem(message ? { productId: l.productId, message } : null)}
                  />
                  {isWeighed(l) ? (
                    <span className="qty-unit">{l.unit}</span>
                  ) : (
                    <button
                      type="button"
                      aria-label={t('increase', { name: l.name })}
                      onClick={() => actions.add(l.productId, 1)}
                    >
                      +
                    </button>
                  )}
                </span>
                <button
                  type="button"
                  className="ghost unit-price"
                  aria-label={price('change', { name: l.name })}
                  aria-expanded={editing === `price:${l.productId}`}
                  onClick={() => setEditing(editing === `price:${l.productId}` ? null : `price:${l.productId}`)}
                >
                  ×{' '}
                  {isWeighed(l)
                    ? t('perUnit', { price: money(l.priceCents), unit: l.unit ?? '' })
                    : money(l.priceCents)}
                </button>
                <button
                  type="button"
                  className="ghost"
                  aria-label={t('discountFor', { name: l.name })}
                  aria-expanded={editing === l.productId}
                  onClick={() => setEditing(editing === l.productId ? null : l.productId)}
                >
                  %
                </button>
                <button
                  type="button"
                  className="ghost"
                  aria-label={t('remove', { name: l.name })}
                  onClick={() => actions.setQuantity(l.productId, 0)}
                >
                  ✕
                </button>
              </div>
              {quantityProblem?.productId === l.productId && (
                <p role="alert" className="error">
                  {quantityProblem.message}
                </p>
              )}
              {sold.discountCents > 0 && (
                <p className="line-discount">
                  {t('discountLine', { reason: sold.discountReason ?? '' })}: −{money(sold.discountCents)}
                </p>
              )}
              {editing === `price:${l.productId}` && (
                <PriceOverride
                  line={l}
                  money={money}
                  onApply={(cents) => (actions.setPrice(l.productId, cents), setEditing(null))}
                  onCancel={() => setEditing(null)}
                />
              )}
              {editing === l.productId && (
                <DiscountEditor
                  label={t('discountFor', { name: l.name })}
                  groupName={`dk-${l.productId}`}
                  initial={l.discount}
                  initialReason={l.discountReason}
                  onApply={(d, reason) => {
                    actions.setDiscount(l.productId, d, reason);
                    setEditing(null);
                  }}
                  onCancel={() => setEditing(null)}
                />
              )}
            </li>
          );
        })}
      </ul>
      <dl className="totals">
        {totals.discountCents > 0 && (
          <>
            <dt>{t('subtotal')}</dt>
            <dd>{money(totals.grossCents)}</dd>
            <dt>{t('discounts')}</dt>
            <dd data-testid="cart-discounts">−{money(totals.discountCents)}</dd>
          </>
        )}
        {totals.taxes.map((g) => (
          <div key={g.taxRateBp} className="tax-row" data-testid={`tax-${g.taxRateBp}`}>
            <dt>{g.taxRateBp === 0 ? t('taxFree') : t('taxOf', { rate: g.taxRateBp / 100 })}</dt>
            <dd>{money(g.taxCents)}</dd>
          </div>
        ))}
      </dl>
      <p className="total">
        <span>{t('total')}</span> <strong data-testid="cart-total">{money(totals.totalCents)}</strong>
      </p>
    </>
  );
}

/** Typed quantities are read by parseQuantity: a wrong one stays in the box, its reason shown, the line unchanged. */
function QuantityInput({
  line,
  label,
  onCommit,
  onProblem,
}: {
  line: DraftLine;
  label: string;
  onCommit: (q: number) => void;
  onProblem: (message: string | null) => void;
}) {
  const t = useT(sellMessages);
  const { locale } = useI18n();
  const [text, setText] = useState<string | null>(null);
  const commit = () => {
    if (text === null) return;
    const decimals = line.quantityDecimals ?? 0;
    const parsed = parseQuantityIn(text, decimals);
    if ('problem' in parsed) {
      const max = decimals
        ? formatQuantity(MAX_LINE_QUANTITY, decimals, INTL_LOCALE[locale])
        : MAX_LINE_QUANTITY.toLocaleString(INTL_LOCALE[locale]);
      return onProblem(t(QUANTITY_MESSAGE[parsed.problem], { name: line.name, text, max, decimals }));
    }
    onProblem(null);
    setText(null);
    onCommit(parsed.quantity);
  };
  return (
    <input
      className="qty-input"
      inputMode={isWeighed(line) ? 'decimal' : 'numeric'}
      aria-label={label}
      value={text ?? formatQuantity(line.quantity, line.quantityDecimals ?? 0, INTL_LOCALE[locale])}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  );
}

const QUANTITY_MESSAGE = {
  notANumber: 'quantityNotANumber',
  notWhole: 'quantityNotWhole',
  tooLarge: 'quantityTooLarge',
  tooPrecise: 'quantityTooPrecise',
} as const;

/** A line sold by weight or volume: its quantity has decimals and a unit, typed rather than stepped. */
function isWeighed(l: DraftLine): boolean {
  return (l.quantityDecimals ?? 0) > 0 || (l.unit ?? 'each') !== 'each';
}
