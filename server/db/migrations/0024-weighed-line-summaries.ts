import { sql, type Kysely, type Migration } from 'kysely';
import type { Db } from '../database';
import { rebuildCategorySummaries } from '../../reports/category-summary';
import { reportDb } from '../../reports/report-db';
import { rebuildReportSummaries } from '../../reports/summary-rebuild';

/**
 * The sales summaries once took a line's worth before discounts as price × quantity, which counts a
 * weighed line's grams as kilograms (1,250 kg at 3,20/kg filed as 4.000,00). The ingest now files
 * total + discount (the shared line rule), and counts units as articles (a weighed line is one, never
 * its grams added to pieces: category-summary.ts lineArticles); summaries written before are summed
 * again from the ledger, on databases that have sold a product by measure (decimals, or a unit other
 * than the piece; the others' figures were right under both rules).
 */
export const weighedLineSummaries: Migration = {
  async up(db: Kysely<unknown>) {
    const weighed = await sql<{ one: number }>`
      select 1 as one from sale_lines l join products p on p.id = l.product_id
      where p.quantity_decimals > 0 or p.unit <> 'each' limit 1`.execute(db);
    if (weighed.rows.length === 0) return;
    await rebuildReportSummaries(reportDb(db as unknown as Db));
    await rebuildCategorySummaries(reportDb(db as unknown as Db));
  },
  async down() {
    // Nothing to undo: the summaries are figures of the ledger, right under either code.
  },
};
