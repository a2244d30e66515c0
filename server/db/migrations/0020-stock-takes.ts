import type { Kysely, Migration } from 'kysely';

/**
 * Stock counts run from the console (issue 11 part 5): a count of one location (all products or
 * one category), its sheet of counted lines, each stamped with the server sequence at which it
 * was counted (SPEC S13). SQLite and PostgreSQL alike.
 */
export const stockTakes: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('stock_takes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
      .addColumn('branch_id', 'text')
      .addColumn('category', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('started_by', 'text', (c) => c.notNull())
      .addColumn('started_by_name', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('started_seq', 'bigint', (c) => c.notNull())
      .addColumn('closed_by', 'text')
      .addColumn('closed_by_name', 'text')
      .addColumn('closed_at', 'text')
      .addColumn('closed_seq', 'bigint')
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('stock_takes_location_status')
      .on('stock_takes')
      .columns(['location_id', 'status'])
      .execute();
    await db.schema.createIndex('stock_takes_seq').on('stock_takes').columns(['seq', 'id']).execute();

    await db.schema
      .createTable('stock_take_lines')
      .addColumn('take_id', 'text', (c) => c.notNull().references('stock_takes.id'))
      .addColumn('product_id', 'text', (c) => c.notNull())
      .addColumn('counted_quantity', 'bigint', (c) => c.notNull())
      .addColumn('counted_seq', 'bigint', (c) => c.notNull())
      .addColumn('counted_at', 'text', (c) => c.notNull())
      .addColumn('counted_by', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('book_quantity', 'bigint')
      .addColumn('late_quantity', 'bigint')
      .addColumn('adjustment', 'bigint')
      .addColumn('price_cents', 'bigint')
      .addPrimaryKeyConstraint('stock_take_lines_pk', ['take_id', 'product_id'])
      .execute();
  },
};
