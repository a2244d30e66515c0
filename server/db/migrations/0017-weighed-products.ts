import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Products sold by weight or volume (unit, quantity decimals), several barcodes per product, unique
 * across the chain, and each branch's scale-label layout. Existing products are sold by the piece
 * and keep their one barcode; a barcode two products shared stays only on the first one by id.
 */
export const weighedProducts: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('products')
      .addColumn('unit', 'text', (c) => c.notNull().defaultTo('each'))
      .execute();
    await db.schema
      .alterTable('products')
      .addColumn('quantity_decimals', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    // JSON array of every barcode, the product's own copy for reading it whole; null: [barcode].
    await db.schema.alterTable('products').addColumn('barcodes', 'text').execute();
    await db.schema
      .createTable('product_barcodes')
      .addColumn('barcode', 'text', (c) => c.primaryKey())
      .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('product_barcodes_product').on('product_barcodes').columns(['product_id']).execute();
    await sql`insert into product_barcodes (barcode, product_id, position)
      select barcode, min(id), 0 from products where barcode is not null and barcode <> '' group by barcode`.execute(
      db,
    );
    await db.schema.alterTable('branch_settings').addColumn('scale_labels', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('branch_settings').dropColumn('scale_labels').execute();
    await db.schema.dropTable('product_barcodes').execute();
    await db.schema.alterTable('products').dropColumn('barcodes').execute();
    await db.schema.alterTable('products').dropColumn('quantity_decimals').execute();
    await db.schema.alterTable('products').dropColumn('unit').execute();
  },
};
