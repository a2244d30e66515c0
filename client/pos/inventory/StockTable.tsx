import type { ProductRow, StockRow } from '../../sync/collections';
import { useT } from '../i18n';
import { inventoryMessages } from './inventory-messages';

const PAGE = 100;

/** The branch's products with their stock, low ones marked; a product is picked to see its details. */
export function StockTable({
  matches,
  stockOf,
  levels,
  isLow,
  selectedId,
  onSelect,
  quantity,
}: {
  matches: readonly ProductRow[];
  stockOf: (productId: string) => number;
  levels: ReadonlyMap<string, StockRow>;
  isLow: (p: ProductRow) => boolean;
  selectedId: string | null;
  onSelect: (productId: string) => void;
  /** A quantity of the product in its unit ("1,250 kg"). */
  quantity: (q: number, p: ProductRow) => string;
}) {
  const t = useT(inventoryMessages);
  return (
    <>
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
            const reorder = levels.get(p.id)?.reorderLevel;
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
                    onClick={() => onSelect(p.id)}
                  >
                    {p.name} <small>{p.sku}</small>
                  </button>
                </td>
                <td data-testid={`inv-stock-${p.sku}`}>
                  {quantity(stockOf(p.id), p)}
                  {low && <span className="badge low"> {t('low')}</span>}
                </td>
                <td>{reorder === null || reorder === undefined ? '—' : quantity(reorder, p)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {matches.length > PAGE && <p className="hint">{t('showing', { shown: PAGE, total: matches.length })}</p>}
    </>
  );
}
