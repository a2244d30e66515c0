import { useEffect, useState } from 'react';
import type { ConsoleProductView } from '../../../shared/console/catalogue';
import type { Counted } from '../../../shared/sale/stock-quantity';
import { useApi } from '../session/session-context';

const cache = new Map<string, Counted>();
const BY_THE_PIECE: Counted = { unit: 'each', quantityDecimals: 0 };

/** Remembers how a product is counted, from a product the page already read. */
export function rememberCounting(p: Pick<ConsoleProductView, 'id' | 'unit' | 'quantityDecimals'>): void {
  cache.set(p.id, { unit: p.unit, quantityDecimals: p.quantityDecimals });
}

/**
 * How each product of `ids` is counted (unit and decimals), read once each and kept for the
 * session, so lists of quantities (ticket lines, movements) show a weighed product in its unit
 * rather than as raw grams. Until a product is read it counts by the piece; one the catalogue no
 * longer has stays so.
 */
export function useProductCounting(ids: readonly string[]): (id: string) => Counted {
  const api = useApi();
  const [, setVersion] = useState(0);
  const missing = [...new Set(ids)].filter((id) => id && !cache.has(id)).join(',');
  useEffect(() => {
    if (!missing) return;
    let live = true;
    void Promise.all(
      missing.split(',').map((id) =>
        api
          .get<ConsoleProductView>(`/api/console/products/${encodeURIComponent(id)}`)
          .then(rememberCounting)
          .catch(() => cache.set(id, BY_THE_PIECE)),
      ),
    ).then(() => live && setVersion((v) => v + 1));
    return () => {
      live = false;
    };
  }, [api, missing]);
  return (id) => cache.get(id) ?? BY_THE_PIECE;
}
