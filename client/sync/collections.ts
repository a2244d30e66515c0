import type { RxCollection, RxDatabase, RxJsonSchema } from 'rxdb';
import type { ProductDoc, SaleDoc, StockLevelDoc } from '../../shared/protocol';

type Stored<T> = Omit<T, '_deleted'>;

export type ProductRow = Stored<ProductDoc>;
export type StockRow = Stored<StockLevelDoc>;
export type SaleRow = Stored<SaleDoc>;

/** What the server said about one of this device's sales; local only, never replicated. */
export interface SaleAckRow {
  saleId: string;
  appliedSeq: number | null;
  rejectedCode: string | null;
  rejectedMessage: string | null;
}

const id = { type: 'string', maxLength: 140 } as const;

export const productSchema: RxJsonSchema<ProductRow> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    sku: { type: 'string', maxLength: 64 },
    barcode: { type: ['string', 'null'] },
    name: { type: 'string' },
    category: { type: 'string' },
    priceCents: { type: 'integer' },
    taxRateBp: { type: 'integer' },
    legacyId: { type: ['integer', 'null'] },
  },
  required: ['id', 'sku', 'name', 'category', 'priceCents', 'taxRateBp'],
};

export const stockSchema: RxJsonSchema<StockRow> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    locationId: { type: 'string' },
    productId: { type: 'string' },
    quantity: { type: 'integer' },
    seq: { type: 'integer' },
  },
  required: ['id', 'locationId', 'productId', 'quantity', 'seq'],
};

export const saleSchema: RxJsonSchema<SaleRow> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    branchId: { type: 'string' },
    deviceId: { type: 'string' },
    deviceSeq: { type: 'integer', minimum: 1, maximum: 1e12, multipleOf: 1 },
    receiptNumber: { type: 'string' },
    cashierName: { type: 'string' },
    createdAt: { type: 'string' },
    currency: { type: 'string' },
    lines: { type: 'array', items: { type: 'object' } },
    totalCents: { type: 'integer' },
    payments: { type: 'array', items: { type: 'object' } },
  },
  required: ['id', 'branchId', 'deviceId', 'deviceSeq', 'receiptNumber', 'lines', 'totalCents', 'payments'],
  indexes: ['deviceSeq'],
};

export const saleAckSchema: RxJsonSchema<SaleAckRow> = {
  version: 0,
  primaryKey: 'saleId',
  type: 'object',
  properties: {
    saleId: id,
    appliedSeq: { type: ['integer', 'null'] },
    rejectedCode: { type: ['string', 'null'] },
    rejectedMessage: { type: ['string', 'null'] },
  },
  required: ['saleId'],
};

export interface PosCollections {
  products: RxCollection<ProductRow>;
  stock: RxCollection<StockRow>;
  sales: RxCollection<SaleRow>;
  saleacks: RxCollection<SaleAckRow>;
}

export type PosDatabase = RxDatabase<PosCollections>;
