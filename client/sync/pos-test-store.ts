import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { v7 as uuidv7 } from 'uuid';
import { afterEach } from 'vitest';
import type { DevicePairing } from './device-pairing';
import { openPosDatabase, type PosCollectionName, type PosStore } from './pos-database';
import { inThisThread, type TicketTemplate } from './ticket-journal';

/** fake-indexeddb, standing for the browser's IndexedDB in unit tests. */
export const idb = { indexedDB, IDBKeyRange };

/** The pairing of tablet number `deviceNumber` of branch 001 (USD). */
export function testPairing(deviceNumber: number): DevicePairing {
  return {
    deviceId: 'dev-1',
    deviceNumber,
    token: 't',
    branch: { id: 'sucursal-001', name: 'S1', locationId: 'sucursal-001', currency: 'USD', receiptPrefix: '001' },
  } as unknown as DevicePairing;
}

/**
 * For a test file: `open(name?)` opens (or reopens, as after a reload) the POS database `name` with
 * `collections` in fake IndexedDB; every database it opened is closed after each test.
 */
export function posTestStores(prefix: string, collections: PosCollectionName[]) {
  let opened: PosStore[] = [];
  afterEach(async () => {
    for (const store of opened) await store.db.close();
    opened = [];
  });
  return async function open(name = `${prefix}-${Date.now()}-${Math.random()}`): Promise<PosStore> {
    const store = await openPosDatabase({
      name,
      storage: getRxStorageDexie(idb),
      openJournal: inThisThread(idb),
      multiInstance: false,
      collections,
    });
    opened.push(store);
    return store;
  };
}

/** A paid one-line ticket of tablet 2 (one Pan Integral, USD 1.80 cash), as it goes to the ticket journal. */
export function sampleTicket(): TicketTemplate {
  return {
    id: uuidv7(),
    kind: 'sale',
    refundOf: null,
    branchId: 'sucursal-001',
    deviceId: 'dev-1',
    receiptPrefix: '001',
    deviceNumber: 2,
    cashierId: null,
    cashierName: 'Ana',
    shiftId: null,
    createdAt: new Date().toISOString(),
    currency: 'USD',
    lines: [
      {
        productId: 'p-pan',
        name: 'Pan Integral',
        quantity: 1,
        unitPriceCents: 180,
        taxRateBp: 800,
        discountCents: 0,
        discountReason: null,
        lineTotalCents: 180,
      },
    ],
    totalCents: 180,
    payments: [{ method: 'cash', amountCents: 180, tenderedCents: 180 }],
  };
}
