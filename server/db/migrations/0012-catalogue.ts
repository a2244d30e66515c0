import type { Kysely, Migration } from 'kysely';

/**
 * Catalogue in the console: scheduled price changes, each product's chain-wide reorder rule, and
 * indexes for the new filters (category; a product's price-mismatch items for the price rollout).
 * SQLite and PostgreSQL alike.
 */
export const catalogueConsole: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('scheduled_prices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('product_id', 'text', (c) => c.notNull())
      .addColumn('price_cents', 'bigint', (c) => c.notNull())
      .addColumn('previous_price_cents', 'bigint', (c) => c.notNull())
      .addColumn('effective_at', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('price_row_id', 'text', (c) => c.notNull())
      .addColumn('applied_seq', 'bigint')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('scheduled_prices_due')
      .on('scheduled_prices')
      .columns(['state', 'effective_at'])
      .execute();
    await db.schema
      .createIndex('scheduled_prices_product')
      .on('scheduled_prices')
      .columns(['product_id', 'effective_at'])
      .execute();
    await db.schema
      .createTable('product_stock_rules')
      .addColumn('product_id', 'text', (c) => c.primaryKey())
      .addColumn('reorder_min', 'bigint')
      .addColumn('reorder_max', 'bigint')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('products_category_name').on('products').columns(['category', 'name', 'id']).execute();
    await db.schema
      .createIndex('reconciliation_items_product_kind')
      .on('reconciliation_items')
      .columns(['product_id', 'kind', 'seq'])
      .execute();
  },
};
