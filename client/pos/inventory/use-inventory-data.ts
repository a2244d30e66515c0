import { useEffect, useMemo, useState } from 'react';
import { map } from 'rxjs';
import type { OtherStockRow, PosDatabase, ProductRow, StockRow } from '../../sync/collections';
import type { DevicePairing } from '../../sync/device-pairing';
import { useObservable } from '../use-observable';

/** What the inventory screen shows, live: the catalogue by name, this branch's levels, other stores' stock, and a clock for "updated 5 min ago". */
export function useInventoryData(db: PosDatabase, pairing: DevicePairing) {
  const products$ = useMemo(
    () =>
      db.products
        .find()
        .$.pipe(map((d) => d.map((x) => x.toJSON() as ProductRow).sort((a, b) => a.name.localeCompare(b.name)))),
    [db],
  );
  const levels$ = useMemo(
    () =>
      db.stock
        .find({ selector: { locationId: pairing.branch.locationId } })
        .$.pipe(map((d) => new Map(d.map((x) => [x.productId, x.toJSON() as StockRow])))),
    [db, pairing],
  );
  const others$ = useMemo(
    () => db.otherstock.find().$.pipe(map((d) => d.map((x) => x.toJSON() as OtherStockRow))),
    [db],
  );
  const products = useObservable(products$, [] as ProductRow[]);
  const levels = useObservable(levels$, new Map<string, StockRow>());
  const others = useObservable(others$, [] as OtherStockRow[]);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const byId = useMemo(() => new Map(products.map((p) => [p.id, p])), [products]);
  return { products, levels, others, now, byId };
}
