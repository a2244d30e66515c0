import { filter, from, startWith, switchMap, type Observable } from 'rxjs';
import type { PosDatabase } from './collections';

const IMPORTED_DOC = 'imported-documents';

interface ImportedMarker {
  /** Ids of documents another device of the branch made and this device took over from an export. */
  ids: string[];
}

/**
 * Documents imported from another tablet's export keep their own ids and deviceId (rewriting
 * them would duplicate on the server). This local marker is how this device knows to push them,
 * count them as pending and show their stock movements, like its own, until the server acks them.
 */
export async function loadImportedIds(db: PosDatabase): Promise<Set<string>> {
  const doc = await db.getLocal<ImportedMarker>(IMPORTED_DOC);
  return new Set(doc ? (doc.toJSON().data as ImportedMarker).ids : []);
}

/**
 * Not `db.getLocal$`: that runs every change of the whole database (each of 20,000 products
 * pulled, each ack) through two async steps whose bookkeeping grows with the backlog, which made
 * the first catalogue download and long drains several seconds slower (bench/pos-bench.ts).
 * Here other changes stop at a synchronous filter.
 */
export function observeImportedIds(db: PosDatabase): Observable<Set<string>> {
  return db.$.pipe(
    filter((ev) => ev.isLocal && ev.documentId === IMPORTED_DOC),
    startWith(null),
    switchMap(() => from(loadImportedIds(db))),
  );
}

export async function markImported(db: PosDatabase, ids: readonly string[]): Promise<void> {
  const current = await loadImportedIds(db);
  for (const id of ids) current.add(id);
  await db.upsertLocal<ImportedMarker>(IMPORTED_DOC, { ids: [...current] });
}
