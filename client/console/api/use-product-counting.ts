import type { ConsoleProductView } from '../../../shared/console/catalogue';
import type { Counted } from '../../../shared/sale/stock-quantity';
import { useProductFacts } from './use-product-facts';

const cache = new Map<string, Counted>();
const BY_THE_PIECE: Counted = { unit: 'each', quantityDecimals: 0 };
const byThePiece = () => BY_THE_PIECE;

/** Remembers how a product is counted, from a product the page already read. */
export function rememberCounting(p: Pick<ConsoleProductView, 'id' | 'unit' | 'quantityDecimals'>): void {
  cache.set(p.id, countingOf(p));
}

const countingOf = (p: Pick<ConsoleProductView, 'unit' | 'quantityDecimals'>): Counted => ({
  unit: p.unit,
  quantityDecimals: p.quantityDecimals,
});

/**
 * How each product of `ids` is counted (unit and decimals), read once each and kept for the
 * session, so lists of quantities (ticket lines, movements) show a weighed product in its unit
 * rather than as raw grams. Until a product is read it counts by the piece; one the catalogue no
 * longer has stays so.
 */
export function useProductCounting(ids: readonly string[]): (id: string) => Counted {
  useProductFacts(ids, cache, countingOf, byThePiece);
  return (id) => cache.get(id) ?? BY_THE_PIECE;
}
