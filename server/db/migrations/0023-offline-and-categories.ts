import type { Kysely, Migration } from 'kysely';
import type { Db } from '../database';
import { rebuildCategorySummaries } from '../../reports/category-summary';
import { reportDb } from '../../reports/report-db';

/**
 * device_links: each live stream of a device as the server saw it (server/reports/device-links.ts),
 * the record from which the console shades the times a branch's tablets were offline
 * (server/reports/offline-periods.ts explains the rule). report_category_days: sales per branch,
 * local day and category, so the explorer by category reads a few rows a day instead of every sale
 * line (bench/console-bench.ts); summed here from the ledger, then kept by the sales ingest.
 */
export const offlineAndCategories: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('device_links')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('branch_id', 'text', (c) => c.notNull())
      .addColumn('connected_at', 'text', (c) => c.notNull())
      .addColumn('alive_at', 'text', (c) => c.notNull())
      .addColumn('ended_at', 'text')
      .execute();
    await db.schema
      .createIndex('device_links_branch_time')
      .on('device_links')
      .columns(['branch_id', 'connected_at'])
      .execute();
    await db.schema
      .createTable('report_category_days')
      .addColumn('branch_id', 'text', (c) => c.notNull())
      .addColumn('local_date', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('tickets', 'bigint', (c) => c.notNull())
      .addColumn('gross_cents', 'bigint', (c) => c.notNull())
      .addColumn('discount_cents', 'bigint', (c) => c.notNull())
      .addColumn('tax_cents', 'bigint', (c) => c.notNull())
      .addColumn('units', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('report_category_days_pk', ['branch_id', 'local_date', 'category', 'kind'])
      .execute();
    await rebuildCategorySummaries(reportDb(db as unknown as Db));
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('report_category_days').execute();
    await db.schema.dropTable('device_links').execute();
  },
};
