import { useEffect, useState } from 'react';
import type { ConsoleProductView } from '../../../shared/console/catalogue';
import { MAX_STOCK_QUANTITY, parseQuantityIn } from '../../../shared/sale/quantity';
import type { Counted } from '../../../shared/sale/stock-quantity';
import type { CursorPage } from '../live/use-live-pages';
import { useT } from '../i18n/i18n';
import { useApi } from '../session/session-context';
import { transferMessages } from './transfer-messages';

export interface EditedLine {
  productId: string;
  name: string;
  /** How the product is counted: a weighed one is typed in its unit (12,5 kg). */
  counted: Counted;
  /** As typed, in the product's unit. */
  quantity: string;
}

/** An edited line's quantity in the product's smallest unit (12,5 kg is 12500), null when it is not one above 0. */
export function lineQuantity(line: EditedLine): number | null {
  const parsed = parseQuantityIn(line.quantity, line.counted.quantityDecimals, MAX_STOCK_QUANTITY);
  return 'problem' in parsed || parsed.quantity === 0 ? null : parsed.quantity;
}

/** A transfer's products: found on the server by name, SKU or barcode, each in its unit (pieces, or kg with decimals). */
export function TransferLinesEditor({
  lines,
  onChange,
}: {
  lines: EditedLine[];
  onChange: (update: (lines: EditedLine[]) => EditedLine[]) => void;
}) {
  const t = useT(transferMessages);
  const api = useApi();
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<ConsoleProductView[]>([]);

  useEffect(() => {
    const q = search.trim();
    if (!q) return setFound([]);
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api
        .get<CursorPage<ConsoleProductView>>('/api/console/products', { query: q, limit: 8 }, controller.signal)
        .then((p) => setFound(p.items))
        .catch(() => undefined);
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, search]);

  return (
    <>
      <div className="field">
        <label htmlFor="transfer-search">{t('addProduct')}</label>
        <input id="transfer-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      {found.length > 0 && (
        <ul className="plain">
          {found
            .filter((p) => !lines.some((l) => l.productId === p.id))
            .map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  onClick={() => {
                    onChange((ls) => [
                      ...ls,
                      {
                        productId: p.id,
                        name: p.name,
                        counted: { unit: p.unit, quantityDecimals: p.quantityDecimals },
                        quantity: p.quantityDecimals > 0 ? '' : '1',
                      },
                    ]);
                    setSearch('');
                  }}
                >
                  {t('add', { product: p.name })}
                </button>
              </li>
            ))}
        </ul>
      )}
      {lines.map((l) => (
        <div className="line-row" key={l.productId}>
          <div className="field">
            <label htmlFor={`line-${l.productId}`}>
              {l.counted.unit === 'each'
                ? t('quantity', { product: l.name })
                : t('quantityIn', { product: l.name, unit: l.counted.unit })}
            </label>
            <input
              id={`line-${l.productId}`}
              inputMode={l.counted.quantityDecimals > 0 ? 'decimal' : 'numeric'}
              value={l.quantity}
              onChange={(e) =>
                onChange((ls) => ls.map((x) => (x.productId === l.productId ? { ...x, quantity: e.target.value } : x)))
              }
            />
          </div>
          <button
            type="button"
            className="ghost"
            onClick={() => onChange((ls) => ls.filter((x) => x.productId !== l.productId))}
          >
            {t('remove', { product: l.name })}
          </button>
        </div>
      ))}
    </>
  );
}
