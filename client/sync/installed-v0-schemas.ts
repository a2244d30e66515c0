import type { RxJsonSchema } from 'rxdb';

/**
 * The RxDB schemas installed tablets hold at schema version 0 of every collection, as the app
 * made them before the first version bump. collections.test.ts opens a database with them, as an
 * installed tablet has it, and checks the current app migrates it (SPEC S9). Never edit: history.
 */
export const INSTALLED_V0_SCHEMAS: Record<string, RxJsonSchema<Record<string, unknown>>> = {
  products: {
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties: {
      id: {
        type: 'string',
        maxLength: 140,
      },
      sku: {
        type: 'string',
        maxLength: 64,
      },
      barcode: {
        type: ['string', 'null'],
      },
      name: {
        type: 'string',
      },
      category: {
        type: 'string',
      },
      priceCents: {
        type: 'integer',
      },
      taxRateBp: {
        type: 'integer',
      },
      legacyId: {
        type: ['integer', 'null'],
      },
    },
    required: ['id', 'sku', 'name', 'category', 'priceCents', 'taxRateBp'],
  },
  stock: {
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties: {
      id: {
        type: 'string',
        maxLength: 140,
      },
      locationId: {
        type: 'string',
      },
      productId: {
        type: 'string',
      },
      quantity: {
        type: 'integer',
      },
      reorderLevel: {
        type: ['integer', 'null'],
      },
      seq: {
        type: 'integer',
      },
    },
    required: ['id', 'locationId', 'productId', 'quantity', 'seq'],
  },
  otherstock: {
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties: {
      id: {
        type: 'string',
        maxLength: 140,
      },
      locationId: {
        type: 'string',
      },
      productId: {
        type: 'string',
        maxLength: 64,
      },
      quantity: {
        type: 'integer',
      },
      reorderLevel: {
        type: ['integer', 'null'],
      },
      seq: {
        type: 'integer',
      },
      locationName: {
        type: 'string',
      },
      updatedAt: {
        type: 'string',
      },
    },
    required: ['id', 'locationId', 'productId', 'quantity', 'seq', 'updatedAt'],
    indexes: ['productId'],
  },
  cashiers: {
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties: {
      id: {
        type: 'string',
        maxLength: 140,
      },
      branchId: {
        type: 'string',
      },
      name: {
        type: 'string',
      },
      role: {
        type: 'string',
        enum: ['cashier', 'supervisor'],
      },
      pinHash: {
        type: 'string',
      },
      pinSalt: {
        type: 'string',
      },
      pinIterations: {
        type: 'integer',
      },
      active: {
        type: 'boolean',
      },
    },
    required: ['id', 'branchId', 'name', 'role', 'pinHash', 'pinSalt', 'pinIterations', 'active'],
  },
  settings: {
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties: {
      id: {
        type: 'string',
        maxLength: 140,
      },
      name: {
        type: 'string',
      },
      locationId: {
        type: 'string',
      },
      currency: {
        type: 'string',
      },
      allowOversell: {
        type: 'boolean',
      },
      idleLockSeconds: {
        type: 'integer',
      },
      receiptHeader: {
        type: 'string',
      },
      receiptFooter: {
        type: 'string',
      },
    },
    required: ['id', 'name', 'locationId', 'currency', 'allowOversell', 'idleLockSeconds'],
  },
  transfers: {
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties: {
      id: {
        type: 'string',
        maxLength: 140,
      },
      fromLocationId: {
        type: 'string',
      },
      toLocationId: {
        type: 'string',
      },
      lines: {
        type: 'array',
        items: {
          type: 'object',
        },
      },
      status: {
        type: 'string',
        enum: ['sent', 'received', 'cancelled'],
      },
      note: {
        type: 'string',
      },
      sentAt: {
        type: 'string',
      },
    },
    required: ['id', 'fromLocationId', 'toLocationId', 'lines', 'status', 'sentAt'],
  },
  sales: {
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties: {
      id: {
        type: 'string',
        maxLength: 140,
      },
      kind: {
        type: 'string',
        enum: ['sale', 'refund'],
      },
      refundOf: {
        type: ['string', 'null'],
      },
      branchId: {
        type: 'string',
      },
      deviceId: {
        type: 'string',
        maxLength: 64,
      },
      deviceSeq: {
        type: 'integer',
        minimum: 1,
        maximum: 1000000000000,
        multipleOf: 1,
      },
      receiptNumber: {
        type: 'string',
      },
      cashierId: {
        type: ['string', 'null'],
      },
      cashierName: {
        type: 'string',
      },
      shiftId: {
        type: ['string', 'null'],
      },
      createdAt: {
        type: 'string',
      },
      currency: {
        type: 'string',
      },
      lines: {
        type: 'array',
        items: {
          type: 'object',
        },
      },
      totalCents: {
        type: 'integer',
      },
      payments: {
        type: 'array',
        items: {
          type: 'object',
        },
      },
    },
    required: ['id', 'kind', 'branchId', 'deviceId', 'deviceSeq', 'receiptNumber', 'lines', 'totalCents', 'payments'],
    indexes: ['deviceSeq', ['deviceId', 'deviceSeq']],
  },
  counts: {
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties: {
      id: {
        type: 'string',
        maxLength: 140,
      },
      branchId: {
        type: 'string',
      },
      deviceId: {
        type: 'string',
        maxLength: 64,
      },
      productId: {
        type: 'string',
      },
      countedQuantity: {
        type: 'integer',
      },
      believedQuantity: {
        type: 'integer',
      },
      believedLevelSeq: {
        type: 'integer',
      },
      cashierId: {
        type: ['string', 'null'],
      },
      note: {
        type: 'string',
      },
      countedAt: {
        type: 'string',
        maxLength: 40,
      },
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
  },
  shiftevents: {
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties: {
      id: {
        type: 'string',
        maxLength: 140,
      },
      shiftId: {
        type: 'string',
        maxLength: 64,
      },
      kind: {
        type: 'string',
        enum: ['open', 'cash_in', 'cash_out', 'close'],
      },
      branchId: {
        type: 'string',
      },
      deviceId: {
        type: 'string',
        maxLength: 64,
      },
      cashierId: {
        type: ['string', 'null'],
      },
      cashierName: {
        type: 'string',
      },
      amountCents: {
        type: 'integer',
      },
      reason: {
        type: 'string',
      },
      at: {
        type: 'string',
        maxLength: 40,
      },
    },
    required: ['id', 'shiftId', 'kind', 'branchId', 'deviceId', 'amountCents', 'at'],
    indexes: [['deviceId', 'at'], 'shiftId'],
  },
  transferreceipts: {
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties: {
      id: {
        type: 'string',
        maxLength: 140,
      },
      transferId: {
        type: 'string',
      },
      branchId: {
        type: 'string',
      },
      deviceId: {
        type: 'string',
        maxLength: 64,
      },
      cashierId: {
        type: ['string', 'null'],
      },
      lines: {
        type: 'array',
        items: {
          type: 'object',
        },
      },
      receivedAt: {
        type: 'string',
        maxLength: 40,
      },
    },
    required: ['id', 'transferId', 'branchId', 'deviceId', 'lines', 'receivedAt'],
    indexes: [['deviceId', 'receivedAt']],
  },
  acks: {
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties: {
      id: {
        type: 'string',
        maxLength: 140,
      },
      appliedSeq: {
        type: ['integer', 'null'],
      },
      rejectedCode: {
        type: ['string', 'null'],
      },
      rejectedMessage: {
        type: ['string', 'null'],
      },
    },
    required: ['id'],
  },
};
