import type { RxJsonSchema } from 'rxdb';

type Schema = RxJsonSchema<Record<string, unknown>>;
type Property = Record<string, unknown>;

// The property shapes the version-0 schemas were written with; each call makes a fresh object.
const string = (maxLength?: number): Property =>
  maxLength === undefined ? { type: 'string' } : { type: 'string', maxLength };
const integer = (): Property => ({ type: 'integer' });
const boolean = (): Property => ({ type: 'boolean' });
const nullable = (type: 'string' | 'integer'): Property => ({ type: [type, 'null'] });
const oneOf = (...values: string[]): Property => ({ type: 'string', enum: values });
const objects = (): Property => ({ type: 'array', items: { type: 'object' } });

/** A version-0 collection schema: an `id` key of at most 140 characters, then `properties`. */
function v0(properties: Record<string, Property>, required: string[], indexes?: Schema['indexes']): Schema {
  return {
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties: { id: string(140), ...properties },
    required: ['id', ...required],
    ...(indexes ? { indexes } : {}),
  } as Schema;
}

/**
 * The RxDB schemas installed tablets hold at schema version 0 of every collection, as the app
 * made them before the first version bump. collections.test.ts opens a database with them, as an
 * installed tablet has it, and checks the current app migrates it (SPEC S9). Never edit: history.
 */
export const INSTALLED_V0_SCHEMAS: Record<string, Schema> = {
  products: v0(
    {
      sku: string(64),
      barcode: nullable('string'),
      name: string(),
      category: string(),
      priceCents: integer(),
      taxRateBp: integer(),
      legacyId: nullable('integer'),
    },
    ['sku', 'name', 'category', 'priceCents', 'taxRateBp'],
  ),
  stock: v0(
    {
      locationId: string(),
      productId: string(),
      quantity: integer(),
      reorderLevel: nullable('integer'),
      seq: integer(),
    },
    ['locationId', 'productId', 'quantity', 'seq'],
  ),
  otherstock: v0(
    {
      locationId: string(),
      productId: string(64),
      quantity: integer(),
      reorderLevel: nullable('integer'),
      seq: integer(),
      locationName: string(),
      updatedAt: string(),
    },
    ['locationId', 'productId', 'quantity', 'seq', 'updatedAt'],
    ['productId'],
  ),
  cashiers: v0(
    {
      branchId: string(),
      name: string(),
      role: oneOf('cashier', 'supervisor'),
      pinHash: string(),
      pinSalt: string(),
      pinIterations: integer(),
      active: boolean(),
    },
    ['branchId', 'name', 'role', 'pinHash', 'pinSalt', 'pinIterations', 'active'],
  ),
  settings: v0(
    {
      name: string(),
      locationId: string(),
      currency: string(),
      allowOversell: boolean(),
      idleLockSeconds: integer(),
      receiptHeader: string(),
      receiptFooter: string(),
    },
    ['name', 'locationId', 'currency', 'allowOversell', 'idleLockSeconds'],
  ),
  transfers: v0(
    {
      fromLocationId: string(),
      toLocationId: string(),
      lines: objects(),
      status: oneOf('sent', 'received', 'cancelled'),
      note: string(),
      sentAt: string(),
    },
    ['fromLocationId', 'toLocationId', 'lines', 'status', 'sentAt'],
  ),
  sales: v0(
    {
      kind: oneOf('sale', 'refund'),
      refundOf: nullable('string'),
      branchId: string(),
      deviceId: string(64),
      deviceSeq: { type: 'integer', minimum: 1, maximum: 1000000000000, multipleOf: 1 },
      receiptNumber: string(),
      cashierId: nullable('string'),
      cashierName: string(),
      shiftId: nullable('string'),
      createdAt: string(),
      currency: string(),
      lines: objects(),
      totalCents: integer(),
      payments: objects(),
    },
    ['kind', 'branchId', 'deviceId', 'deviceSeq', 'receiptNumber', 'lines', 'totalCents', 'payments'],
    ['deviceSeq', ['deviceId', 'deviceSeq']],
  ),
  counts: v0(
    {
      branchId: string(),
      deviceId: string(64),
      productId: string(),
      countedQuantity: integer(),
      believedQuantity: integer(),
      believedLevelSeq: integer(),
      cashierId: nullable('string'),
      note: string(),
      countedAt: string(40),
    },
    ['branchId', 'deviceId', 'productId', 'countedQuantity', 'believedQuantity', 'believedLevelSeq', 'countedAt'],
    [['deviceId', 'countedAt']],
  ),
  shiftevents: v0(
    {
      shiftId: string(64),
      kind: oneOf('open', 'cash_in', 'cash_out', 'close'),
      branchId: string(),
      deviceId: string(64),
      cashierId: nullable('string'),
      cashierName: string(),
      amountCents: integer(),
      reason: string(),
      at: string(40),
    },
    ['shiftId', 'kind', 'branchId', 'deviceId', 'amountCents', 'at'],
    [['deviceId', 'at'], 'shiftId'],
  ),
  transferreceipts: v0(
    {
      transferId: string(),
      branchId: string(),
      deviceId: string(64),
      cashierId: nullable('string'),
      lines: objects(),
      receivedAt: string(40),
    },
    ['transferId', 'branchId', 'deviceId', 'lines', 'receivedAt'],
    [['deviceId', 'receivedAt']],
  ),
  acks: v0(
    { appliedSeq: nullable('integer'), rejectedCode: nullable('string'), rejectedMessage: nullable('string') },
    [],
  ),
};
