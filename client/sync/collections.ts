import type { RxCollection, RxDatabase, RxJsonSchema } from 'rxdb';
import type { ProductDoc, SaleDoc, StockLevelDoc } from '../../shared/protocol';

type Stored<T> = Omit<T, '_deleted'>;

export type ProductRow = Stored<ProductDoc>;
export type StockRow = Stored<StockLevelDoc>;
export type SaleRow = Stored<SaleDoc>;

/** What the server said about a document this device pushed; local only, never replicated. */
export interface AckRow {
  id: string;
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
    reorderLevel: { type: ['integer', 'null'] },
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
    kind: { type: 'string', enum: ['sale', 'refund'] },
    refundOf: { type: ['string', 'null'] },
    branchId: { type: 'string' },
    deviceId: { type: 'string', maxLength: 64 },
    cashierId: { type: ['string', 'null'] },
    shiftId: { type: ['string', 'null'] },
    deviceSeq: { type: 'integer', minimum: 1, maximum: 1e12, multipleOf: 1 },
    receiptNumber: { type: 'string' },
    cashierName: { type: 'string' },
    createdAt: { type: 'string' },
    currency: { type: 'string' },
    lines: { type: 'array', items: { type: 'object' } },
    totalCents: { type: 'integer' },
    payments: { type: 'array', items: { type: 'object' } },
  },
  required: ['id', 'kind', 'branchId', 'deviceId', 'deviceSeq', 'receiptNumber', 'lines', 'totalCents', 'payments'],
  indexes: ['deviceSeq', ['deviceId', 'deviceSeq']],
};

export const ackSchema: RxJsonSchema<AckRow> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    appliedSeq: { type: ['integer', 'null'] },
    rejectedCode: { type: ['string', 'null'] },
    rejectedMessage: { type: ['string', 'null'] },
  },
  required: ['id'],
};

export interface PosCollections {
  products: RxCollection<ProductRow>;
  stock: RxCollection<StockRow>;
  sales: RxCollection<SaleRow>;
  acks: RxCollection<AckRow>;
}

export type PosDatabase = RxDatabase<PosCollections>;
