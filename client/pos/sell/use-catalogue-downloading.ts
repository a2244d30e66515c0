import { useMemo } from 'react';
import { combineLatest, distinctUntilChanged, map } from 'rxjs';
import type { SyncEngine } from '../../sync/sync-engine';
import { useObservable } from '../use-observable';

/**
 * Whether the catalogue is still coming down while the tablet is online. Only the yes/no: the engine's
 * progress changes with every product pulled, and the selling screen is too big to redraw that often
 * (the sync bar shows the numbers).
 */
export function useCatalogueDownloading(engine: SyncEngine): boolean {
  const downloading$ = useMemo(
    () =>
      combineLatest([engine.link$, engine.catalogue$]).pipe(
        map(([l, c]) => l.connected && !c.done),
        distinctUntilChanged(),
      ),
    [engine],
  );
  return useObservable(downloading$, engine.link$.value.connected && !engine.catalogue$.value.done);
}
