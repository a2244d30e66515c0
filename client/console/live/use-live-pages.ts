import { useCallback, useEffect, useRef, useState } from 'react';
import { useLive } from './live-context';

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A server list read page by page (cursor), kept current: `loadMore` fetches the next page only;
 * a live change to one of `collections` re-reads the pages loaded so far. A new `key` (filters)
 * starts again from the first page.
 */
export function useLivePages<T>(
  key: string,
  readPage: (cursor: string | undefined, signal: AbortSignal) => Promise<CursorPage<T>>,
  collections: readonly string[],
) {
  const [state, setState] = useState<{ key: string; pages: CursorPage<T>[] }>({ key, pages: [] });
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const readRef = useRef(readPage);
  readRef.current = readPage;
  const pagesLoaded = useRef(1);
  const busy = useRef<AbortController | null>(null);

  const readAll = useCallback(
    async (count: number) => {
      busy.current?.abort();
      const controller = new AbortController();
      busy.current = controller;
      setLoading(true);
      try {
        const pages = await firstPages(readRef.current, count, controller.signal);
        if (controller.signal.aborted) return;
        setState({ key, pages });
        setError(null);
      } catch (err) {
        if (!controller.signal.aborted) setError(err);
      } finally {
        if (busy.current === controller) busy.current = null;
        if (!controller.signal.aborted) setLoading(false);
      }
    },
    [key],
  );

  useEffect(() => {
    pagesLoaded.current = 1;
    void readAll(1);
    return () => busy.current?.abort();
  }, [readAll]);

  useRereadOnChange(
    collections,
    useCallback(() => void readAll(pagesLoaded.current), [readAll]),
  );

  const current = state.key === key ? state.pages : [];
  const last = current.at(-1);
  const loadMore = useCallback(async () => {
    if (!last?.nextCursor || busy.current) return;
    const controller = new AbortController();
    busy.current = controller;
    setLoading(true);
    try {
      const page = await readRef.current(last.nextCursor, controller.signal);
      if (controller.signal.aborted) return;
      pagesLoaded.current += 1;
      setState((s) => (s.key === key ? { key, pages: [...s.pages, page] } : s));
    } catch (err) {
      if (!controller.signal.aborted) setError(err);
    } finally {
      if (busy.current === controller) busy.current = null;
      setLoading(false);
    }
  }, [key, last]);

  return {
    items: current.flatMap((p) => p.items),
    hasMore: !!last?.nextCursor,
    loaded: current.length > 0,
    loadMore,
    loading,
    error,
  };
}

/** The first `count` pages (fewer when the list ends before). */
async function firstPages<T>(
  readPage: (cursor: string | undefined, signal: AbortSignal) => Promise<CursorPage<T>>,
  count: number,
  signal: AbortSignal,
): Promise<CursorPage<T>[]> {
  const pages: CursorPage<T>[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < count; i++) {
    const page = await readPage(cursor, signal);
    pages.push(page);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return pages;
}

/** Calls `reread` shortly after the console stream says one of `collections` changed (or after a resync). */
function useRereadOnChange(collections: readonly string[], reread: () => void) {
  const { subscribe } = useLive();
  useEffect(() => {
    const wanted = new Set(collections);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = subscribe((s) => {
      if (s.kind === 'changed' && !s.change.collections.some((c) => wanted.has(c))) return;
      clearTimeout(timer);
      timer = setTimeout(reread, 80);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
    // collections is a literal list per page; its content decides.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [subscribe, reread, collections.join(',')]);
}
