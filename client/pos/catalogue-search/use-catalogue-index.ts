import { useEffect, useState } from 'react';
import type { PosDatabase, ProductRow } from '../../sync/collections';
import { CatalogueIndex } from './search-index';

/**
 * The catalogue index of this device, built once from the products collection and then kept
 * current change by change (no re-query of 20,000 documents per pulled batch). `version` changes
 * whenever the index does, at most a few times a second, so screens re-run their search.
 */
export function useCatalogueIndex(db: PosDatabase): {
  index: CatalogueIndex<ProductRow>;
  version: number;
  ready: boolean;
} {
  const [state] = useState(() => ({ index: new CatalogueIndex<ProductRow>() }));
  const [version, setVersion] = useState(0);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const { index } = state;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const bump = () => {
      timer ??= setTimeout(() => {
        timer = null;
        setVersion((v) => v + 1);
      }, 150);
    };
    // Changes seen while the first full read runs win over that read's older copy.
    const touched = new Set<string>();
    const sub = db.products.$.subscribe((ev) => {
      touched.add(ev.documentId);
      if (ev.operation === 'DELETE' || (ev.documentData as { _deleted?: boolean } | undefined)?._deleted)
        index.remove(ev.documentId);
      else index.upsert(stripMeta(ev.documentData as ProductRow));
      bump();
    });
    let cancelled = false;
    void db.products
      .find()
      .exec()
      .then((docs) => {
        if (cancelled) return;
        for (const d of docs) if (!touched.has(d.primary)) index.upsert(stripMeta(d.toJSON() as ProductRow));
        touched.clear();
        setReady(true);
        setVersion((v) => v + 1);
      });
    return () => {
      cancelled = true;
      sub.unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [db, state]);

  return { index: state.index, version, ready };
}

function stripMeta(p: ProductRow): ProductRow {
  return {
    id: p.id,
    sku: p.sku,
    barcode: p.barcode ?? null,
    barcodes: p.barcodes ?? [],
    name: p.name,
    category: p.category,
    priceCents: p.priceCents,
    taxRateBp: p.taxRateBp,
    legacyId: p.legacyId ?? null,
    unit: p.unit ?? 'each',
    quantityDecimals: p.quantityDecimals ?? 0,
  };
}
