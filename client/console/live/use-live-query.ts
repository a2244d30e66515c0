import { useCallback, useEffect, useRef, useState } from 'react';
import { useLive, type LiveChange } from './live-context';

export interface LiveQuery<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

export interface LiveQueryOptions {
  /** Re-read when a change touches one of these collections (stock, sales, reconciliation, …). */
  collections: readonly string[];
  /** Narrower: only when the change concerns this location or branch. */
  relevant?: (change: LiveChange) => boolean;
}

/** Changes arriving together (a sale moves stock and sales at once) cause one re-read. */
const COALESCE_MS = 80;

/**
 * Data from the server that stays current: read once, then again whenever the console stream says
 * something it shows has changed, and after every reconnect. `key` identifies the query (filters,
 * page): a new key reads afresh. The previous data stays on screen while a re-read runs.
 */
export function useLiveQuery<T>(
  key: string,
  read: (signal: AbortSignal) => Promise<T>,
  { collections, relevant }: LiveQueryOptions,
): LiveQuery<T> {
  const { subscribe } = useLive();
  const [data, setData] = useState<{ key: string; value: T } | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const readRef = useRef(read);
  readRef.current = read;
  const relevantRef = useRef(relevant);
  relevantRef.current = relevant;
  const collectionsKey = collections.join(',');
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    readRef.current(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setData({ key, value });
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [key, generation]);

  useEffect(() => {
    const wanted = new Set(collectionsKey.split(','));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = subscribe((signal) => {
      if (signal.kind === 'changed') {
        if (!signal.change.collections.some((c) => wanted.has(c))) return;
        if (relevantRef.current && !relevantRef.current(signal.change)) return;
      }
      clearTimeout(timer);
      timer = setTimeout(reload, COALESCE_MS);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [subscribe, collectionsKey, reload]);

  return { data: data?.value, error, loading, reload };
}
