import type { Kysely, Migration } from 'kysely';

/** Runs unchanged on SQLite and PostgreSQL: text ids, ISO timestamps as text, 0/1 flags. */
export const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('server_sequence')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('value', 'bigint', (c) => c.notNull())
      .execute();
    await db
      .insertInto('server_sequence' as never)
      .values({ id: 1, value: 0 } as never)
      .execute();

    await db.schema
      .createTable('locations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('branches')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
      .addColumn('receipt_prefix', 'text', (c) => c.notNull().unique())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('products')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('sku', 'text', (c) => c.notNull().unique())
      .addColumn('barcode', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('price_cents', 'bigint', (c) => c.notNull())
      .addColumn('tax_rate_bp', 'integer', (c) => c.notNull())
      .addColumn('legacy_id', 'integer', (c) => c.unique())
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('products_seq_id').on('products').columns(['seq', 'id']).execute();

    await db.schema
      .createTable('stock_levels')
      .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
      .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
      .addColumn('quantity', 'bigint', (c) => c.notNull())
      .addColumn('reorder_level', 'bigint')
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('stock_levels_pk', ['location_id', 'product_id'])
      .execute();
    await db.schema
      .createIndex('stock_levels_location_seq')
      .on('stock_levels')
      .columns(['location_id', 'seq', 'product_id'])
      .execute();

    await db.schema
      .createTable('stock_movements')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('location_id', 'text', (c) => c.notNull())
      .addColumn('product_id', 'text', (c) => c.notNull())
      .addColumn('delta', 'bigint', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('sale_id', 'text')
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('stock_movements_location_product')
      .on('stock_movements')
      .columns(['location_id', 'product_id', 'seq'])
      .execute();
    await db.schema.createIndex('stock_movements_sale').on('stock_movements').column('sale_id').execute();

    await db.schema
      .createTable('devices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('branch_id', 'text', (c) => c.notNull().references('branches.id'))
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .addColumn('last_seen_at', 'text')
      .addUniqueConstraint('devices_branch_number', ['branch_id', 'number'])
      .execute();

    await db.schema
      .createTable('pairing_codes')
      .addColumn('code_hash', 'text', (c) => c.primaryKey())
      .addColumn('branch_id', 'text', (c) => c.notNull().references('branches.id'))
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('sales')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('refund_of', 'text')
      .addColumn('cashier_id', 'text')
      .addColumn('shift_id', 'text')
      .addColumn('branch_id', 'text', (c) => c.notNull().references('branches.id'))
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
      .addColumn('device_seq', 'bigint', (c) => c.notNull())
      .addColumn('receipt_number', 'text', (c) => c.notNull())
      .addColumn('cashier_name', 'text', (c) => c.notNull())
      .addColumn('device_created_at', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('total_cents', 'bigint', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('applied_seq', 'bigint', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('sales_device_seq', ['device_id', 'device_seq'])
      .addUniqueConstraint('sales_branch_receipt', ['branch_id', 'receipt_number'])
      .execute();
    await db.schema.createIndex('sales_device_applied').on('sales').columns(['device_id', 'applied_seq']).execute();
    await db.schema.createIndex('sales_refund_of').on('sales').column('refund_of').execute();
    await db.schema.createIndex('sales_branch_seq').on('sales').columns(['branch_id', 'seq', 'id']).execute();

    await db.schema
      .createTable('sale_lines')
      .addColumn('sale_id', 'text', (c) => c.notNull().references('sales.id'))
      .addColumn('line_no', 'integer', (c) => c.notNull())
      .addColumn('product_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('quantity', 'bigint', (c) => c.notNull())
      .addColumn('unit_price_cents', 'bigint', (c) => c.notNull())
      .addColumn('tax_rate_bp', 'integer', (c) => c.notNull())
      .addColumn('discount_cents', 'bigint', (c) => c.notNull())
      .addColumn('discount_reason', 'text')
      .addColumn('line_total_cents', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('sale_lines_pk', ['sale_id', 'line_no'])
      .execute();

    await db.schema
      .createTable('rejected_sales')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('sale_id', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};
