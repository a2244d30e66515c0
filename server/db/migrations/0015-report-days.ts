import type { Kysely, Migration } from 'kysely';
import type { Db } from '../database';
import { reportDb } from '../../reports/report-db';
import { rebuildReportSummaries } from '../../reports/summary-rebuild';

/**
 * Sales per branch, local day, cashier, tablet, tender and kind (server/reports/schema-reports.ts):
 * the explorer's cashier, device and tender views over months read a few rows per day instead of
 * every ticket (bench/console-bench.ts). Every summary is rebuilt here from the ledger (sales the
 * database held before the reports' migrations included); from then on the sales ingest keeps them.
 */
export const reportDays: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('report_sales_days')
      .addColumn('branch_id', 'text', (c) => c.notNull())
      .addColumn('local_date', 'text', (c) => c.notNull())
      .addColumn('cashier_key', 'text', (c) => c.notNull())
      .addColumn('cashier_name', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('tender', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('tickets', 'bigint', (c) => c.notNull())
      .addColumn('gross_cents', 'bigint', (c) => c.notNull())
      .addColumn('discount_cents', 'bigint', (c) => c.notNull())
      .addColumn('tax_cents', 'bigint', (c) => c.notNull())
      .addColumn('units', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('report_sales_days_pk', [
        'branch_id',
        'local_date',
        'cashier_key',
        'device_id',
        'tender',
        'kind',
      ])
      .execute();
    await rebuildReportSummaries(reportDb(db as unknown as Db));
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('report_sales_days').execute();
  },
};
