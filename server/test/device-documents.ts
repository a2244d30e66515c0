import { v7 as uuidv7 } from 'uuid';
import {
  syncPath,
  type CountDoc,
  type DeviceStatusReport,
  type PairResponse,
  type ProductDoc,
  type PushResult,
  type ReplicatedCollection,
  type SaleDoc,
  type ShiftEventDoc,
  type TransferReceiptDoc,
} from '../../shared/protocol';
import { DETAILED_PUSH_HEADERS, makeSale, request } from './test-server';

type Device = Pick<PairResponse, 'deviceId' | 'deviceNumber' | 'branch'>;

/** A status report of a tablet with nothing wrong: online, breaker closed, nothing pending. */
export const HEALTHY_STATUS: DeviceStatusReport = {
  appVersion: '1.2.3',
  online: true,
  breaker: 'closed',
  pendingCount: 0,
  pendingValueCents: 0,
  rejectedCount: 0,
  lastSyncAt: null,
  storage: { usageBytes: 10, quotaBytes: 1000, persisted: true },
};

/** Pushes documents of any device → server collection as RxDB push rows. */
export function pushDocs(baseUrl: string, token: string, collection: ReplicatedCollection, docs: readonly unknown[]) {
  return request<PushResult>(baseUrl, syncPath(collection, 'push'), {
    token,
    json: docs.map((d) => ({ newDocumentState: d })),
    headers: DETAILED_PUSH_HEADERS,
  });
}

/** A refund of `lines` (product and quantity) of `sale`, at the prices the sale charged, paid back in cash. */
export function makeRefund(
  device: Device,
  deviceSeq: number,
  sale: SaleDoc,
  lines: readonly { product: Pick<ProductDoc, 'id'>; quantity: number }[],
  overrides: Partial<SaleDoc> = {},
): SaleDoc {
  const refundLines = lines.map(({ product, quantity }) => {
    const sold = sale.lines.find((l) => l.productId === product.id);
    if (!sold) throw new Error(`sale ${sale.id} did not sell ${product.id}`);
    return {
      ...sold,
      quantity,
      discountCents: 0,
      discountReason: null,
      lineTotalCents: sold.unitPriceCents * quantity,
    };
  });
  const totalCents = refundLines.reduce((s, l) => s + l.lineTotalCents, 0);
  return makeSale(device, deviceSeq, [], {
    kind: 'refund',
    refundOf: sale.id,
    lines: refundLines,
    totalCents,
    payments: [{ method: 'cash', amountCents: Math.max(1, totalCents), tenderedCents: null }],
    ...overrides,
  });
}

export function makeCount(
  device: Device,
  productId: string,
  countedQuantity: number,
  believedQuantity: number,
  overrides: Partial<CountDoc> = {},
): CountDoc {
  return {
    id: uuidv7(),
    branchId: device.branch.id,
    deviceId: device.deviceId,
    productId,
    countedQuantity,
    believedQuantity,
    believedLevelSeq: 0,
    cashierId: null,
    note: '',
    countedAt: new Date().toISOString(),
    _deleted: false,
    ...overrides,
  };
}

export function makeShiftEvent(
  device: Device,
  shiftId: string,
  kind: ShiftEventDoc['kind'],
  amountCents: number,
  overrides: Partial<ShiftEventDoc> = {},
): ShiftEventDoc {
  return {
    id: uuidv7(),
    shiftId,
    kind,
    branchId: device.branch.id,
    deviceId: device.deviceId,
    cashierId: null,
    cashierName: 'Ana',
    amountCents,
    reason: '',
    at: new Date().toISOString(),
    denominations: [],
    approval: null,
    _deleted: false,
    ...overrides,
  };
}

export function makeTransferReceipt(
  device: Device,
  transferId: string,
  lines: readonly { productId: string; quantity: number }[],
  overrides: Partial<TransferReceiptDoc> = {},
): TransferReceiptDoc {
  return {
    id: uuidv7(),
    transferId,
    branchId: device.branch.id,
    deviceId: device.deviceId,
    cashierId: null,
    lines: [...lines],
    receivedAt: new Date().toISOString(),
    _deleted: false,
    ...overrides,
  };
}
