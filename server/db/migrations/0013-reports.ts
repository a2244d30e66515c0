import type { Kysely, Migration } from 'kysely';

/**
 * The reports' summaries of the sales ledger (server/reports/schema-reports.ts) and their
 * per-branch settings. From here on the sales ingest writes them in the same transaction as the
 * sales; the sales a database already holds are summarized from the ledger by 0015-report-days.
 */
export const reports: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('report_branch_settings')
      .addColumn('branch_id', 'text', (c) => c.primaryKey().references('branches.id'))
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('max_cash_difference_cents', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('report_tickets')
      .addColumn('sale_id', 'text', (c) => c.primaryKey())
      .addColumn('branch_id', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('cashier_id', 'text')
      .addColumn('cashier_name', 'text', (c) => c.notNull())
      .addColumn('shift_id', 'text')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('sold_at', 'text', (c) => c.notNull())
      .addColumn('local_date', 'text', (c) => c.notNull())
      .addColumn('local_hour', 'integer', (c) => c.notNull())
      .addColumn('tender', 'text', (c) => c.notNull())
      .addColumn('gross_cents', 'bigint', (c) => c.notNull())
      .addColumn('discount_cents', 'bigint', (c) => c.notNull())
      .addColumn('tax_cents', 'bigint', (c) => c.notNull())
      .addColumn('total_cents', 'bigint', (c) => c.notNull())
      .addColumn('units', 'bigint', (c) => c.notNull())
      .addColumn('cash_cents', 'bigint', (c) => c.notNull())
      .addColumn('card_cents', 'bigint', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('report_tickets_shift').on('report_tickets').column('shift_id').execute();
    await db.schema
      .createIndex('report_tickets_branch_date')
      .on('report_tickets')
      .columns(['branch_id', 'local_date', 'sold_at', 'sale_id'])
      .execute();

    await db.schema
      .createTable('report_sales_hours')
      .addColumn('branch_id', 'text', (c) => c.notNull())
      .addColumn('local_date', 'text', (c) => c.notNull())
      .addColumn('local_hour', 'integer', (c) => c.notNull())
      .addColumn('sale_tickets', 'bigint', (c) => c.notNull())
      .addColumn('sale_gross_cents', 'bigint', (c) => c.notNull())
      .addColumn('sale_discount_cents', 'bigint', (c) => c.notNull())
      .addColumn('sale_tax_cents', 'bigint', (c) => c.notNull())
      .addColumn('sale_units', 'bigint', (c) => c.notNull())
      .addColumn('refund_tickets', 'bigint', (c) => c.notNull())
      .addColumn('refund_gross_cents', 'bigint', (c) => c.notNull())
      .addColumn('refund_discount_cents', 'bigint', (c) => c.notNull())
      .addColumn('refund_tax_cents', 'bigint', (c) => c.notNull())
      .addColumn('refund_units', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('report_sales_hours_pk', ['branch_id', 'local_date', 'local_hour'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('report_sales_hours').execute();
    await db.schema.dropTable('report_tickets').execute();
    await db.schema.dropTable('report_branch_settings').execute();
  },
};
