import type { RxCollection, RxDatabase, RxJsonSchema } from 'rxdb';
import type {
  BranchSettingsDoc,
  CashierDoc,
  CountDoc,
  OtherStockLevelDoc,
  ProductDoc,
  SaleDoc,
  ShiftEventDoc,
  StockLevelDoc,
  TransferDoc,
  TransferReceiptDoc,
} from '../../shared/protocol';

type Stored<T> = Omit<T, '_deleted'>;

export type ProductRow = Stored<ProductDoc>;
export type StockRow = Stored<StockLevelDoc>;
export type SaleRow = Stored<SaleDoc>;
export type OtherStockRow = Stored<OtherStockLevelDoc>;
export type CashierRow = Stored<CashierDoc>;
export type SettingsRow = Stored<BranchSettingsDoc>;
export type TransferRow = Stored<TransferDoc>;
export type CountRow = Stored<CountDoc>;
export type ShiftEventRow = Stored<ShiftEventDoc>;
export type TransferReceiptRow = Stored<TransferReceiptDoc>;

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

export const otherStockSchema: RxJsonSchema<OtherStockRow> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    locationId: { type: 'string' },
    locationName: { type: 'string' },
    productId: { type: 'string', maxLength: 64 },
    quantity: { type: 'integer' },
    reorderLevel: { type: ['integer', 'null'] },
    seq: { type: 'integer' },
    updatedAt: { type: 'string' },
  },
  required: ['id', 'locationId', 'productId', 'quantity', 'seq', 'updatedAt'],
  indexes: ['productId'],
};

export const cashierSchema: RxJsonSchema<CashierRow> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    branchId: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', enum: ['cashier', 'supervisor'] },
    pinHash: { type: 'string' },
    pinSalt: { type: 'string' },
    pinIterations: { type: 'integer' },
    active: { type: 'boolean' },
  },
  required: ['id', 'branchId', 'name', 'role', 'pinHash', 'pinSalt', 'pinIterations', 'active'],
};

export const settingsSchema: RxJsonSchema<SettingsRow> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    name: { type: 'string' },
    locationId: { type: 'string' },
    currency: { type: 'string' },
    allowOversell: { type: 'boolean' },
    idleLockSeconds: { type: 'integer' },
    receiptHeader: { type: 'string' },
    receiptFooter: { type: 'string' },
  },
  required: ['id', 'name', 'locationId', 'currency', 'allowOversell', 'idleLockSeconds'],
};

export const transferSchema: RxJsonSchema<TransferRow> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    fromLocationId: { type: 'string' },
    toLocationId: { type: 'string' },
    lines: { type: 'array', items: { type: 'object' } },
    status: { type: 'string', enum: ['sent', 'received', 'cancelled'] },
    note: { type: 'string' },
    sentAt: { type: 'string' },
  },
  required: ['id', 'fromLocationId', 'toLocationId', 'lines', 'status', 'sentAt'],
};

export const countSchema: RxJsonSchema<CountRow> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    branchId: { type: 'string' },
    deviceId: { type: 'string', maxLength: 64 },
    productId: { type: 'string' },
    countedQuantity: { type: 'integer' },
    believedQuantity: { type: 'integer' },
    believedLevelSeq: { type: 'integer' },
    cashierId: { type: ['string', 'null'] },
    note: { type: 'string' },
    countedAt: { type: 'string', maxLength: 40 },
  },
  required: [
    'id',
    'branchId',
    'deviceId',
    'productId',
    'countedQuantity',
    'believedQuantity',
    'believedLevelSeq',
    'countedAt',
  ],
  indexes: [['deviceId', 'countedAt']],
};

export const shiftEventSchema: RxJsonSchema<ShiftEventRow> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    shiftId: { type: 'string', maxLength: 64 },
    kind: { type: 'string', enum: ['open', 'cash_in', 'cash_out', 'close'] },
    branchId: { type: 'string' },
    deviceId: { type: 'string', maxLength: 64 },
    cashierId: { type: ['string', 'null'] },
    cashierName: { type: 'string' },
    amountCents: { type: 'integer' },
    reason: { type: 'string' },
    at: { type: 'string', maxLength: 40 },
  },
  required: ['id', 'shiftId', 'kind', 'branchId', 'deviceId', 'amountCents', 'at'],
  indexes: [['deviceId', 'at'], 'shiftId'],
};

export const transferReceiptSchema: RxJsonSchema<TransferReceiptRow> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    transferId: { type: 'string' },
    branchId: { type: 'string' },
    deviceId: { type: 'string', maxLength: 64 },
    cashierId: { type: ['string', 'null'] },
    lines: { type: 'array', items: { type: 'object' } },
    receivedAt: { type: 'string', maxLength: 40 },
  },
  required: ['id', 'transferId', 'branchId', 'deviceId', 'lines', 'receivedAt'],
  indexes: [['deviceId', 'receivedAt']],
};

/**
 * 11 collections. RxDB's free storage opens at most 13 per process, and the database's own
 * internal and local-document stores take two of them: there is no room for another one.
 */
export interface PosCollections {
  products: RxCollection<ProductRow>;
  stock: RxCollection<StockRow>;
  sales: RxCollection<SaleRow>;
  acks: RxCollection<AckRow>;
  otherstock: RxCollection<OtherStockRow>;
  cashiers: RxCollection<CashierRow>;
  settings: RxCollection<SettingsRow>;
  transfers: RxCollection<TransferRow>;
  counts: RxCollection<CountRow>;
  shiftevents: RxCollection<ShiftEventRow>;
  transferreceipts: RxCollection<TransferReceiptRow>;
}

export type PosDatabase = RxDatabase<PosCollections>;
