import type { ConsoleProductView } from '../../../shared/console/catalogue';
import { useProductFacts } from './use-product-facts';

const cache = new Map<string, string>();
const nameOf = (p: ConsoleProductView) => p.name;
const idItself = (id: string) => id;

/** Names of products known only by id (transfer lines), read once each and kept for the session. */
export function useProductNames(ids: readonly string[]): (id: string) => string {
  useProductFacts(ids, cache, nameOf, idItself);
  return (id) => cache.get(id) ?? '…';
}
