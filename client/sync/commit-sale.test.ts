import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { saleDocSchema } from '../../shared/protocol';
import type { PosDatabase, SaleRow } from './collections';
import { commitSale, type CartLine } from './commit-sale';
import type { DevicePairing } from './device-pairing';
import { openPosDatabase } from './pos-database';

const pairing = { deviceId: 'dev-1', deviceNumber: 2, token: 't', branch: { id: 'sucursal-001', name: 'S1', locationId: 'sucursal-001', currency: 'USD', receiptPrefix: '001' } } as unknown as DevicePairing;
const pan: CartLine = { product: { id: 'p-pan', name: 'Pan Integral', priceCents: 180, taxRateBp: 800 }, quantity: 3, discountCents: 54, discountReason: 'Promoción' };
const cash = (amountCents: number) => ({ method: 'cash' as const, amountCents, tenderedCents: amountCents });

let db: PosDatabase | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
});

async function open() {
  db = await openPosDatabase({ name: `commit-${Date.now()}-${Math.random()}`, storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), multiInstance: false, collections: ['sales', 'acks'] });
  return db;
}

async function all(d: PosDatabase): Promise<SaleRow[]> {
  return (await d.sales.find({ sort: [{ deviceSeq: 'asc' }] }).exec()).map((x) => x.toJSON() as SaleRow);
}

describe('commitSale (invariant 1: the whole ticket in one write)', () => {
  it('writes one document holding lines, payments, cashier and numbers, valid on the wire', async () => {
    const d = await open();
    const sale = await commitSale(d, pairing, { lines: [pan], payments: [cash(486)], cashierId: 'c-1', cashierName: 'Ana', shiftId: 's-1' });
    const [stored] = await all(d);
    expect(stored).toEqual(sale);
    expect(sale).toMatchObject({ kind: 'sale', refundOf: null, deviceSeq: 1, receiptNumber: '001-02-000001', cashierId: 'c-1', cashierName: 'Ana', shiftId: 's-1', totalCents: 486 });
    expect(sale.lines).toEqual([{ productId: 'p-pan', name: 'Pan Integral', quantity: 3, unitPriceCents: 180, taxRateBp: 800, discountCents: 54, discountReason: 'Promoción', lineTotalCents: 486 }]);
    expect(saleDocSchema.safeParse({ ...sale, _deleted: false }).success).toBe(true);
  });

  it('invariants 1 and 2: committing the same cart id twice (a double tap, a retry after a crash) saves one ticket', async () => {
    const d = await open();
    const id = uuidv7();
    const [a, b] = await Promise.all([commitSale(d, pairing, { id, lines: [pan], payments: [cash(486)], cashierName: 'Ana' }), commitSale(d, pairing, { id, lines: [pan], payments: [cash(486)], cashierName: 'Ana' })]);
    expect(a.id).toBe(id);
    expect(b).toEqual(a);
    expect(await all(d)).toHaveLength(1);
    const next = await commitSale(d, pairing, { lines: [pan], payments: [cash(486)], cashierName: 'Ana' });
    expect(next.receiptNumber).toBe('001-02-000002');
  });

  it('refuses a ticket that does not add up and writes nothing', async () => {
    const d = await open();
    await expect(commitSale(d, pairing, { lines: [pan], payments: [cash(480)], cashierName: 'Ana' })).rejects.toThrow('payments (480) do not add up to the total (486)');
    await expect(commitSale(d, pairing, { lines: [{ ...pan, discountReason: null }], payments: [cash(486)], cashierName: 'Ana' })).rejects.toThrow('a discount needs a reason');
    expect(await all(d)).toEqual([]);
  });

  it('a refund is a ticket of its own: kind refund, naming the sale, numbered in the same device sequence', async () => {
    const d = await open();
    const sale = await commitSale(d, pairing, { lines: [pan], payments: [cash(486)], cashierName: 'Ana' });
    const refund = await commitSale(d, pairing, { kind: 'refund', refundOf: sale.id, lines: [{ ...pan, quantity: 1, discountCents: 18 }], payments: [{ method: 'card', amountCents: 162, tenderedCents: null }], cashierName: 'Ana' });
    expect(refund).toMatchObject({ kind: 'refund', refundOf: sale.id, deviceSeq: 2, totalCents: 162 });
  });
});
