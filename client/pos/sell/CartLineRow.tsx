import { useT } from '../i18n';
import type { CartActions } from './CartPanel';
import { DiscountEditor } from './DiscountEditor';
import { isWeighed, type CartTotals, type DraftLine } from './draft-cart';
import { LineQuantity } from './LineQuantity';
import { PriceOverride } from './PriceOverride';
import { priceOverrideMessages } from './price-override-messages';
import { sellMessages } from './sell-messages';
import { useMoney } from '../session/device-context';

/** The editor a line has open under it: its unit price or its discount. */
export type LineEditor = 'price' | 'discount';

/** One line of the cart: name and total, quantity, price, discount and remove, and the editor it has open. */
export function CartLineRow({
  line: l,
  sold,
  actions,
  editor,
  onEdit,
  quantityProblem,
  onQuantityProblem,
}: {
  line: DraftLine;
  /** The line as it will be sold: its total and discount. */
  sold: CartTotals['lines'][number];
  actions: CartActions;
  editor: LineEditor | null;
  onEdit: (editor: LineEditor | null) => void;
  quantityProblem: string | null;
  onQuantityProblem: (message: string | null) => void;
}) {
  const money = useMoney();
  const t = useT(sellMessages);
  const price = useT(priceOverrideMessages);
  const toggle = (which: LineEditor) => onEdit(editor === which ? null : which);
  return (
    <li>
      <div className="line-main">
        <span className="line-name">{l.name}</span>
        <span className="line-total" data-testid={`line-total-${l.sku}`}>
          {money(sold.lineTotalCents)}
        </span>
      </div>
      <div className="line-controls">
        <LineQuantity
          line={l}
          onStep={(delta) => actions.add(l.productId, delta)}
          onCommit={(q) => actions.setQuantity(l.productId, q)}
          onProblem={onQuantityProblem}
        />
        <button
          type="button"
          className="ghost unit-price"
          aria-label={price('change', { name: l.name })}
          aria-expanded={editor === 'price'}
          onClick={() => toggle('price')}
        >
          × {isWeighed(l) ? t('perUnit', { price: money(l.priceCents), unit: l.unit ?? '' }) : money(l.priceCents)}
        </button>
        <button
          type="button"
          className="ghost"
          aria-label={t('discountFor', { name: l.name })}
          aria-expanded={editor === 'discount'}
          onClick={() => toggle('discount')}
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
      {quantityProblem !== null && (
        <p role="alert" className="error">
          {quantityProblem}
        </p>
      )}
      {sold.discountCents > 0 && (
        <p className="line-discount">
          {t('discountLine', { reason: sold.discountReason ?? '' })}: −{money(sold.discountCents)}
        </p>
      )}
      {editor === 'price' && (
        <PriceOverride
          line={l}
          onApply={(cents) => (actions.setPrice(l.productId, cents), onEdit(null))}
          onCancel={() => onEdit(null)}
        />
      )}
      {editor === 'discount' && (
        <DiscountEditor
          label={t('discountFor', { name: l.name })}
          groupName={`dk-${l.productId}`}
          initial={l.discount}
          initialReason={l.discountReason}
          onApply={(d, reason) => {
            actions.setDiscount(l.productId, d, reason);
            onEdit(null);
          }}
          onCancel={() => onEdit(null)}
        />
      )}
    </li>
  );
}
