import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { saleDocSchema } from '../../shared/protocol';
import { refundLine } from '../../shared/sale/refund-math';
import type { SaleRow } from './collections';
import { chargeExchange, commitSale, type CartLine, type ExchangeDraft } from './commit-sale';
import type { PosStore } from './pos-database';
import { idb, posTestStores, sampleTicket, testPairing } from './pos-test-store';
import { TicketJournal } from './ticket-journal';

const pairing = testPairing(2);
const pan: CartLine = { product: { id: 'p-pan', name: 'Pan', priceCents: 180, taxRateBp: 800 }, quantity: 3 };
const miel: CartLine = { product: { id: 'p-miel', name: 'Miel', priceCents: 650, taxRateBp: 0 }, quantity: 1 };
const open = posTestStores('exchange', ['sales', 'acks']);

async function paidTicket(d: PosStore): Promise<SaleRow> {
  return commitSale(d, pairing, {
    lines: [pan],
    payments: [{ method: 'cash', amountCents: 540, tenderedCents: 540 }],
    cashierName: 'Ana',
  });
}

function exchange(original: SaleRow, over: Partial<ExchangeDraft> = {}): ExchangeDraft {
  return {
    id: uuidv7(),
    refundId: uuidv7(),
    refundOf: original.id,
    returned: [refundLine(original.lines[0]!, 0, 2)],
    lines: [miel],
    payments: [{ method: 'cash', amountCents: 290, tenderedCents: 500 }],
    cashierName: 'Ana',
    ...over,
  };
}

describe('[S14] an exchange: a refund and a sale charged together', () => {
  it('[S1] writes both tickets in one go, numbered in order, naming each other, valid on the wire', async () => {
    const d = await open();
    const original = await paidTicket(d);
    const x = await chargeExchange(d, pairing, exchange(original));
    await x.stored;
    expect(x.sale).toMatchObject({ kind: 'sale', deviceSeq: 2, totalCents: 650, exchangeWith: x.refund.id });
    expect(x.refund).toMatchObject({ kind: 'refund', deviceSeq: 3, refundOf: original.id, totalCents: 360 });
    expect(x.refund.exchangeWith).toBe(x.sale.id);
    expect(x.sale.payments).toEqual([
      { method: 'exchange', amountCents: 360, tenderedCents: null },
      { method: 'cash', amountCents: 290, tenderedCents: 500 },
    ]);
    expect(x.refund.payments).toEqual([{ method: 'exchange', amountCents: 360, tenderedCents: null }]);
    for (const t of [x.sale, x.refund]) expect(saleDocSchema.safeParse({ ...t, _deleted: false }).success).toBe(true);
    const stored = await d.db.sales.findByIds([x.sale.id, x.refund.id]).exec();
    expect(stored.size).toBe(2);
  });

  it('[S1][S2] charged twice with the same ids (a double tap, a retry after a restart) it is saved once', async () => {
    const d = await open();
    const original = await paidTicket(d);
    const draft = exchange(original);
    const [a, b] = await Promise.all([chargeExchange(d, pairing, draft), chargeExchange(d, pairing, draft)]);
    expect(b.sale).toEqual(a.sale);
    expect(b.refund).toEqual(a.refund);
    await Promise.all([a.stored, b.stored]);
    expect(await d.journal.all()).toHaveLength(3);
  });

  it('[S1] a write that fails leaves neither ticket (never half an exchange)', async () => {
    const name = `half-${Date.now()}`;
    const journal = await TicketJournal.open(idb, name);
    const template = sampleTicket();
    // The second ticket cannot be stored (a function is not cloneable): the first must not stay.
    const broken = { ...template, id: uuidv7(), cashierName: (() => 'x') as unknown as string };
    await expect(journal.chargeTogether([template, broken])).rejects.toThrow();
    expect(await journal.all()).toEqual([]);
    journal.close();
  });

  it('money back: returning more than is taken gives the rest in cash and needs no tender', async () => {
    const d = await open();
    const original = await paidTicket(d);
    const small: CartLine = { product: { id: 'p-te', name: 'Té', priceCents: 100, taxRateBp: 0 }, quantity: 1 };
    const x = await chargeExchange(d, pairing, exchange(original, { lines: [small], payments: [] }));
    expect(x.refund.payments).toEqual([
      { method: 'exchange', amountCents: 100, tenderedCents: null },
      { method: 'cash', amountCents: 260, tenderedCents: 260 },
    ]);
    expect(x.sale.payments).toEqual([{ method: 'exchange', amountCents: 100, tenderedCents: null }]);
  });

  it('refuses an exchange with nothing taken, or a difference owed without a tender, and writes nothing', async () => {
    const d = await open();
    const original = await paidTicket(d);
    await expect(chargeExchange(d, pairing, exchange(original, { lines: [] }))).rejects.toThrow();
    await expect(chargeExchange(d, pairing, exchange(original, { payments: [] }))).rejects.toThrow();
    expect(await d.journal.all()).toHaveLength(1);
  });
});
