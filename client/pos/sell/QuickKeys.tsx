import type { QuickKey } from '../../../shared/protocol/quick-key';
import type { CatalogueIndex } from '../catalogue-search/search-index';
import type { ProductRow } from '../../sync/collections';
import { useT } from '../i18n';
import { quickKeysMessages } from './quick-keys-messages';
import { useMoney } from '../session/device-context';
import './quick-keys.css';

/** The branch's quick keys whose product is on this tablet (a withdrawn one has left the catalogue). */
export function quickKeyProducts(
  keys: readonly QuickKey[],
  index: CatalogueIndex<ProductRow>,
): { product: ProductRow; label: string }[] {
  return keys.flatMap((k) => {
    const product = index.get(k.productId);
    return product ? [{ product, label: k.label || product.name }] : [];
  });
}

/**
 * Favourites: big buttons for what is sold without a barcode (bread, loose fruit), in the order
 * the centre set them. A tap adds the product as a tap on the catalogue does.
 */
export function QuickKeys({
  keys,
  onAdd,
}: {
  keys: { product: ProductRow; label: string }[];
  onAdd: (p: ProductRow) => void;
}) {
  const money = useMoney();
  const t = useT(quickKeysMessages);
  return (
    <ul className="product-grid quick-keys" aria-label={t('favourites')}>
      {keys.map(({ product, label }) => (
        <li key={product.id}>
          <button
            type="button"
            className="product quick-key"
            aria-label={t('addToCart', { name: product.name })}
            onClick={() => onAdd(product)}
          >
            <span className="product-name">{label}</span>
            <span className="product-price">
              {money(product.priceCents)}
              {product.unit && product.unit !== 'each' && ` / ${product.unit}`}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
