import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { saleDocSchema } from '../../shared/protocol';
import type { SaleRow } from './collections';
import { chargeSale, commitSale, type CartLine } from './commit-sale';
import type { PosStore } from './pos-database';
import { idb, posTestStores, sampleTicket, testPairing } from './pos-test-store';
import { TicketJournal } from './ticket-journal';

const pairing = testPairing(2);
const pan: CartLine = {
  product: { id: 'p-pan', name: 'Pan Integral', priceCents: 180, taxRateBp: 800 },
  quantity: 3,
  discountCents: 54,
  discountReason: 'Promoción',
};
const cash = (amountCents: number) => ({ method: 'cash' as const, amountCents, tenderedCents: amountCents });

/** Opens (or reopens, as after a reload) the database `name` with its ticket journal `${name}-tickets`. */
const open = posTestStores('commit', ['sales', 'acks']);

async function all({ db: d }: PosStore): Promise<SaleRow[]> {
  return (await d.sales.find({ sort: [{ deviceSeq: 'asc' }] }).exec()).map((x) => x.toJSON() as SaleRow);
}

describe('commitSale: the whole ticket in one write', () => {
  it('[S1] writes one document holding lines, payments, cashier and numbers, valid on the wire', async () => {
    const d = await open();
    const sale = await commitSale(d, pairing, {
      lines: [pan],
      payments: [cash(486)],
      cashierId: 'c-1',
      cashierName: 'Ana',
      shiftId: 's-1',
    });
    const [stored] = await all(d);
    expect(stored).toEqual(sale);
    expect(sale).toMatchObject({
      kind: 'sale',
      refundOf: null,
      deviceSeq: 1,
      receiptNumber: '001-02-000001',
      cashierId: 'c-1',
      cashierName: 'Ana',
      shiftId: 's-1',
      totalCents: 486,
    });
    expect(sale.lines).toEqual([
      {
        productId: 'p-pan',
        name: 'Pan Integral',
        quantity: 3,
        unitPriceCents: 180,
        taxRateBp: 800,
        discountCents: 54,
        discountReason: 'Promoción',
        lineTotalCents: 486,
      },
    ]);
    expect(saleDocSchema.safeParse({ ...sale, _deleted: false }).success).toBe(true);
  });

  it('[S1][S2] committing the same cart id twice (a double tap, a retry after a crash) saves one ticket', async () => {
    const d = await open();
    const id = uuidv7();
    const [a, b] = await Promise.all([
      commitSale(d, pairing, { id, lines: [pan], payments: [cash(486)], cashierName: 'Ana' }),
      commitSale(d, pairing, { id, lines: [pan], payments: [cash(486)], cashierName: 'Ana' }),
    ]);
    expect(a.id).toBe(id);
    expect(b).toEqual(a);
    expect(await all(d)).toHaveLength(1);
    const next = await commitSale(d, pairing, { lines: [pan], payments: [cash(486)], cashierName: 'Ana' });
    expect(next.receiptNumber).toBe('001-02-000002');
  });

  it('[S1] refuses a ticket that does not add up and writes nothing', async () => {
    const d = await open();
    await expect(commitSale(d, pairing, { lines: [pan], payments: [cash(480)], cashierName: 'Ana' })).rejects.toThrow(
      'payments (480) do not add up to the total (486)',
    );
    await expect(
      commitSale(d, pairing, { lines: [{ ...pan, discountReason: null }], payments: [cash(486)], cashierName: 'Ana' }),
    ).rejects.toThrow('a discount needs a reason');
    expect(await all(d)).toEqual([]);
  });

  it('[S1] a refund is a ticket of its own: kind refund, naming the sale, numbered in the same device sequence', async () => {
    const d = await open();
    const sale = await commitSale(d, pairing, { lines: [pan], payments: [cash(486)], cashierName: 'Ana' });
    const refund = await commitSale(d, pairing, {
      kind: 'refund',
      refundOf: sale.id,
      lines: [{ ...pan, quantity: 1, discountCents: 18 }],
      payments: [{ method: 'card', amountCents: 162, tenderedCents: null }],
      cashierName: 'Ana',
    });
    expect(refund).toMatchObject({ kind: 'refund', refundOf: sale.id, deviceSeq: 2, totalCents: 162 });
  });
});

describe('the ticket journal (no cross-tab lock)', () => {
  const draft = { lines: [pan], payments: [cash(486)], cashierName: 'Ana' };

  it('[S1] chargeSale is durable in the journal first; a crash before the copy into RxDB is repaired at the next open', async () => {
    const name = `journal-${Date.now()}-${Math.random()}`;
    let db = await open(name);
    // The "crash": the ticket is written to the journal exactly as chargeSale writes it, and the tab dies before the copy.
    const journal = await TicketJournal.open(idb, `${name}-tickets`);
    const { sale: orphan } = await journal.charge(sampleTicket());
    journal.close();
    expect(await all(db)).toEqual([]);
    await db.db.close();
    db = await open(name);
    expect(await all(db)).toEqual([orphan]);
    // And the next ticket continues the numbering.
    const next = await commitSale(db, pairing, draft);
    expect(next.deviceSeq).toBe(orphan.deviceSeq + 1);
  });

  it('[S1] chargeSale resolves with the durable ticket; `stored` resolves once RxDB has it', async () => {
    const d = await open();
    const { sale, stored } = await chargeSale(d, pairing, draft);
    expect(await stored).toEqual(sale);
    expect(await all(d)).toEqual([sale]);
  });

  it('[S1] numbers continue after the tickets already in RxDB (a database from before the journal, or pulled back from the server)', async () => {
    const d = await open();
    const { receiptPrefix: _p, deviceNumber: _n, ...row } = sampleTicket();
    await d.db.sales.insert({ ...row, deviceId: pairing.deviceId, deviceSeq: 41, receiptNumber: '001-02-000041' });
    const sale = await commitSale(d, pairing, draft);
    expect(sale.deviceSeq).toBe(42);
    expect(sale.receiptNumber).toBe('001-02-000042');
  });

  it('[S1] two tabs charging at once on one journal never share a number', async () => {
    const name = `tabs-${Date.now()}-${Math.random()}`;
    const [tabA, tabB] = await Promise.all([TicketJournal.open(idb, name), TicketJournal.open(idb, name)]);
    const charges = Array.from({ length: 40 }, (_, i) => (i % 2 ? tabA : tabB).charge(sampleTicket()));
    const seqs = (await Promise.all(charges)).map((c) => c.sale.deviceSeq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    tabA.close();
    tabB.close();
  });

  it('[S1] a tab whose expected next number was taken by another tab reads again and takes the one after', async () => {
    const name = `stale-${Date.now()}-${Math.random()}`;
    const tabA = await TicketJournal.open(idb, name);
    const tabB = await TicketJournal.open(idb, name);
    expect((await tabA.charge(sampleTicket())).sale.deviceSeq).toBe(1); // A now expects 2 next
    expect((await tabB.charge(sampleTicket())).sale.deviceSeq).toBe(2);
    expect((await tabA.charge(sampleTicket())).sale.deviceSeq).toBe(3);
    expect((await tabA.charge(sampleTicket())).sale.deviceSeq).toBe(4);
    expect((await tabB.all()).map((t) => t.deviceSeq).sort()).toEqual([1, 2, 3, 4]);
    // A reservation starts above every ticket and the floor; charging goes on after it.
    expect(await tabB.reserve('dev-1', 10)).toBe(5);
    expect((await tabB.charge(sampleTicket())).sale.deviceSeq).toBe(15);
    tabA.close();
    tabB.close();
  });

  it('[S1] a ticket that cannot be written leaves nothing behind and takes no number', async () => {
    const journal = await TicketJournal.open(idb, `fail-${Date.now()}-${Math.random()}`);
    // A function cannot be stored in IndexedDB: the put throws inside the transaction, which aborts.
    await expect(
      journal.charge({ ...sampleTicket(), cashierName: (() => 'x') as unknown as string }),
    ).rejects.toThrow();
    expect(await journal.all()).toEqual([]);
    expect((await journal.charge(sampleTicket())).sale.deviceSeq).toBe(1);
    journal.close();
  });

  it('[S1] charging a ticket id already in the journal returns it as written, with no new number', async () => {
    const journal = await TicketJournal.open(idb, `again-${Date.now()}-${Math.random()}`);
    const template = sampleTicket();
    const first = await journal.charge(template);
    const again = await journal.charge({ ...template, cashierName: 'Otro' });
    expect(again.sale).toEqual(first.sale);
    expect((await journal.charge(sampleTicket())).sale.deviceSeq).toBe(2);
    journal.close();
  });

  it('[S1] keeps only the most recent 200 tickets once RxDB has them', async () => {
    const name = `prune-${Date.now()}-${Math.random()}`;
    let db = await open(name);
    for (let i = 0; i < 230; i++) await commitSale(db, pairing, draft);
    await db.db.close();
    db = await open(name);
    expect(await all(db)).toHaveLength(230);
    const journal = await TicketJournal.open(idb, `${name}-tickets`);
    const kept = await journal.all();
    journal.close();
    expect(kept).toHaveLength(200);
    expect(Math.min(...kept.map((t) => t.deviceSeq))).toBe(31);
  });
});
