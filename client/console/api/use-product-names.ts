import { useEffect, useState } from 'react';
import type { ConsoleProductView } from '../../../shared/console/catalogue';
import { useApi } from '../session/session-context';

const cache = new Map<string, string>();

/** Names of products known only by id (transfer lines), read once each and kept for the session. */
export function useProductNames(ids: readonly string[]): (id: string) => string {
  const api = useApi();
  const [, setVersion] = useState(0);
  const missing = [...new Set(ids)].filter((id) => !cache.has(id)).join(',');
  useEffect(() => {
    if (!missing) return;
    let live = true;
    void Promise.all(
      missing.split(',').map((id) =>
        api
          .get<ConsoleProductView>(`/api/console/products/${encodeURIComponent(id)}`)
          .then((p) => cache.set(id, p.name))
          .catch(() => cache.set(id, id)),
      ),
    ).then(() => live && setVersion((v) => v + 1));
    return () => {
      live = false;
    };
  }, [api, missing]);
  return (id) => cache.get(id) ?? '…';
}
