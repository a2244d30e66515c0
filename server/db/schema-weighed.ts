import type { ColumnType } from 'kysely';

/** Migration 0017: products sold by weight, several barcodes per product, a branch's scale-label layout. */
export interface WeighedTables {
  products: {
    unit: ColumnType<'each' | 'kg' | 'g' | 'l', 'each' | 'kg' | 'g' | 'l' | undefined, 'each' | 'kg' | 'g' | 'l'>;
    quantity_decimals: ColumnType<number, number | undefined, number>;
    /** JSON array of every barcode, the first one also in `barcode`; null: `[barcode]` (rows before 0017). */
    barcodes: ColumnType<string | null, string | null | undefined, string | null>;
  };
  /** Every barcode of every product; the primary key keeps a barcode on one product across the chain. */
  product_barcodes: {
    barcode: string;
    product_id: string;
    /** 0 is the product's main barcode (products.barcode, for readers of the first schema). */
    position: number;
  };
  branch_settings: {
    /** JSON ScaleLabelLayout (shared/protocol/scale-label-layout.ts); null: the default layout. */
    scale_labels: ColumnType<string | null, string | null | undefined, string | null>;
  };
}
