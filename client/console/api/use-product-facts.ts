import { useEffect, useState } from 'react';
import type { ConsoleProductView } from '../../../shared/console/catalogue';
import { useApi } from '../session/session-context';

/**
 * Reads each product of `ids` not yet in `cache` once, keeps `fact(product)` there for the session (or
 * `unknown(id)` for one the catalogue does not have), and renders again when they have arrived. `cache`, `fact` and
 * `unknown` are the caller's module constants, the same on every render.
 */
export function useProductFacts<T>(
  ids: readonly string[],
  cache: Map<string, T>,
  fact: (product: ConsoleProductView) => T,
  unknown: (id: string) => T,
): void {
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
          .then((p) => cache.set(id, fact(p)))
          .catch(() => cache.set(id, unknown(id))),
      ),
    ).then(() => live && setVersion((v) => v + 1));
    return () => {
      live = false;
    };
  }, [api, missing, cache, fact, unknown]);
}
