import type { ConsoleProductView } from '../../../shared/console/catalogue';
import type { ApiClient, Query } from '../api/api-client';
import type { CursorPage } from '../live/use-live-pages';

/** The filtered list, every page of it, as a CSV file in the import's columns (money in minor units). */
export async function exportProductsCsv(api: ApiClient, filters: Query): Promise<void> {
  const { unparse } = await import('papaparse');
  const rows: ConsoleProductView[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.get<CursorPage<ConsoleProductView>>('/api/console/products', {
      ...filters,
      cursor,
      limit: 200,
    });
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const csv = unparse(
    rows.map((p) => ({
      sku: p.sku,
      name: p.name,
      category: p.category,
      priceCents: p.priceCents,
      taxRateBp: p.taxRateBp,
      barcode: p.barcode ?? '',
      // Every barcode, the main one first; the import reads "|" or spaces between them.
      barcodes: p.barcodes.join('|'),
      unit: p.unit,
      quantityDecimals: p.quantityDecimals,
      legacyId: p.legacyId ?? '',
      reorderMin: p.reorderMin ?? '',
      reorderMax: p.reorderMax ?? '',
      archived: p._deleted ? 'yes' : 'no',
    })),
  );
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `catalogo-${new Date().toISOString().slice(0, 10)}.csv`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
