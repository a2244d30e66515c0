import { useCallback, useEffect, useRef, useState } from 'react';
import { useLive } from './live-context';
import { PagedReader, type CursorPage, type ReadPage } from './paged-reader';
import { COALESCE_MS } from './use-live-query';

export type { CursorPage } from './paged-reader';

/**
 * A server list read page by page (cursor), kept current: `loadMore` fetches the next page only;
 * a live change to one of `collections` re-reads the pages loaded so far (paged-reader.ts). A new
 * `key` (filters) starts again from the first page.
 */
export function useLivePages<T>(key: string, readPage: ReadPage<T>, collections: readonly string[]) {
  const { subscribe } = useLive();
  const [state, setState] = useState<{ key: string; pages: CursorPage<T>[] }>({ key, pages: [] });
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const readRef = useRef(readPage);
  readRef.current = readPage;
  const reader = useRef<PagedReader<T> | null>(null);

  useEffect(() => {
    const mine = new PagedReader<T>(
      () => readRef.current,
      {
        pages: (pages) => {
          setState({ key, pages });
          setError(null);
        },
        error: setError,
        loading: setLoading,
      },
      COALESCE_MS,
    );
    reader.current = mine;
    mine.start();
    return () => mine.stop();
  }, [key]);

  useEffect(() => {
    const wanted = new Set(collections);
    return subscribe((s) => {
      if (s.kind === 'changed' && !s.change.collections.some((c) => wanted.has(c))) return;
      reader.current?.changed();
    });
    // collections is a literal list per page; its content decides.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [subscribe, collections.join(',')]);

  const loadMore = useCallback(() => reader.current?.loadMore() ?? Promise.resolve(), []);

  const current = state.key === key ? state.pages : [];
  const last = current.at(-1);
  return {
    items: current.flatMap((p) => p.items),
    hasMore: !!last?.nextCursor,
    loaded: current.length > 0,
    loadMore,
    loading,
    error,
  };
}
