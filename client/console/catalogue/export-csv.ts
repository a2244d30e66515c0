import type { ConsoleProductView } from '../../../shared/console/catalogue';
import type { ApiClient, Query } from '../api/api-client';
import type { CursorPage } from '../live/use-live-pages';
import { downloadCsv } from '../ui/download-csv';

/** The filtered list, every page of it, as a CSV file in the import's columns (money in minor units). */
export async function exportProductsCsv(api: ApiClient, filters: Query): Promise<void> {
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
  await downloadCsv(
    'catalogo',
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
}
