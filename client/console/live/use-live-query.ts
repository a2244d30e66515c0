import { useCallback, useEffect, useRef, useState } from 'react';
import { useLive, type LiveChange } from './live-context';
import { Rereader } from './rereader';

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
export const COALESCE_MS = 80;

/**
 * Data from the server that stays current: read once, then again whenever the console stream says
 * something it shows has changed, and after every reconnect. `key` identifies the query (filters,
 * page): a new key reads afresh and abandons the old key's reads. The previous data stays on screen
 * while a re-read runs; re-reads never abort one another (rereader.ts).
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
  const rereader = useRef<Rereader | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    const reader = new Rereader(async () => {
      setLoading(true);
      try {
        const value = await readRef.current(signal);
        if (signal.aborted) return;
        setData({ key, value });
        setError(null);
      } catch (err) {
        if (!signal.aborted) setError(err);
      } finally {
        if (!signal.aborted) setLoading(false);
      }
    }, COALESCE_MS);
    rereader.current = reader;
    reader.now();
    return () => {
      reader.stop();
      controller.abort();
    };
  }, [key]);

  const reload = useCallback(() => rereader.current?.now(), []);

  useEffect(() => {
    const wanted = new Set(collectionsKey.split(','));
    return subscribe((signal) => {
      if (signal.kind === 'changed') {
        if (!signal.change.collections.some((c) => wanted.has(c))) return;
        if (relevantRef.current && !relevantRef.current(signal.change)) return;
      }
      rereader.current?.changed();
    });
  }, [subscribe, collectionsKey]);

  return { data: data?.value, error, loading, reload };
}
