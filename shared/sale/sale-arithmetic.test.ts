import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Payment, SaleDoc, SaleLine } from '../protocol/sale-doc';
import { changeDue, lineTotal, saleArithmeticProblems, saleTotal } from './sale-arithmetic';

type SaleMoney = Pick<SaleDoc, 'lines' | 'totalCents' | 'payments'>;

const priceArb = fc.integer({ min: 0, max: 1_000_000 });
const qtyArb = fc.integer({ min: 1, max: 1000 });

const lineArb: fc.Arbitrary<SaleLine> = fc.record({ unitPriceCents: priceArb, quantity: qtyArb, productId: fc.uuid(), name: fc.string({ minLength: 1, maxLength: 20 }) }).map((l) => ({
  ...l,
  lineTotalCents: l.unitPriceCents * l.quantity,
}));

/** A sale as a correct device builds it: line totals, their sum, card ≤ total, cash covering the rest. */
const wellFormedSaleArb: fc.Arbitrary<SaleMoney> = fc
  .record({
    lines: fc.array(lineArb, { minLength: 1, maxLength: 20 }),
    cardShare: fc.double({ min: 0, max: 1, noNaN: true }),
    extraCash: fc.integer({ min: 0, max: 100_000 }),
  })
  .map(({ lines, cardShare, extraCash }) => {
    const totalCents = lines.reduce((s, l) => s + l.lineTotalCents, 0);
    const card = Math.floor(totalCents * cardShare);
    const cash = totalCents - card + extraCash;
    const payments: Payment[] = [];
    if (card > 0) payments.push({ method: 'card', amountCents: card });
    if (cash > 0 || payments.length === 0) payments.push({ method: 'cash', amountCents: Math.max(cash, 1) });
    return { lines, totalCents, payments };
  });

const paymentArb: fc.Arbitrary<Payment> = fc.record({ method: fc.constantFrom('cash' as const, 'card' as const), amountCents: fc.integer({ min: 1, max: 1e9 }) });

describe('sale arithmetic', () => {
  it('lineTotal is quantity × unit price: an integer for any integer price and quantity', () => {
    expect(lineTotal({ unitPriceCents: 250, quantity: 3 })).toBe(750);
    fc.assert(
      fc.property(priceArb, qtyArb, (unitPriceCents, quantity) => {
        const total = lineTotal({ unitPriceCents, quantity });
        expect(Number.isInteger(total)).toBe(true);
        expect(total).toBe(unitPriceCents * quantity);
      }),
    );
  });

  it('saleTotal is the integer sum of the line totals', () => {
    expect(saleTotal([])).toBe(0);
    expect(saleTotal([{ unitPriceCents: 250, quantity: 2 }, { unitPriceCents: 180, quantity: 1 }])).toBe(680);
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 30 }), (lines) => {
        const total = saleTotal(lines);
        expect(Number.isInteger(total)).toBe(true);
        expect(total).toBe(lines.reduce((s, l) => s + lineTotal(l), 0));
      }),
    );
  });

  it('changeDue is what was tendered beyond the total, and never negative', () => {
    expect(changeDue(680, [{ method: 'cash', amountCents: 1000 }])).toBe(320);
    expect(changeDue(680, [{ method: 'cash', amountCents: 500 }])).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e10 }), fc.array(paymentArb, { maxLength: 5 }), (total, payments) => {
        const change = changeDue(total, payments);
        const paid = payments.reduce((s, p) => s + p.amountCents, 0);
        expect(change).toBeGreaterThanOrEqual(0);
        expect(Number.isInteger(change)).toBe(true);
        expect(change).toBe(paid >= total ? paid - total : 0);
      }),
    );
  });

  it('a well-formed sale (any lines, card up to the total, cash for the rest) has no arithmetic problems', () => {
    fc.assert(
      fc.property(wellFormedSaleArb, (sale) => {
        expect(saleArithmeticProblems(sale)).toEqual([]);
      }),
    );
  });

  it('a sale with one line total perturbed is caught, naming that line, even when the sale total is adjusted to match', () => {
    fc.assert(
      fc.property(wellFormedSaleArb, fc.nat(), fc.integer({ min: -1000, max: 1000 }).filter((d) => d !== 0), (sale, pick, shift) => {
        const i = pick % sale.lines.length;
        const line = sale.lines[i]!;
        // Off by some cents either way, but never below zero (the schema refuses negative totals).
        const delta = line.lineTotalCents + shift < 0 ? -shift : shift;
        const lines = sale.lines.map((l, j) => (j === i ? { ...l, lineTotalCents: l.lineTotalCents + delta } : l));
        // Perturbed alone: the line and the total both disagree.
        const alone = saleArithmeticProblems({ ...sale, lines });
        expect(alone.some((p) => p.startsWith(`line ${i + 1}: lineTotalCents ${line.lineTotalCents + delta} is not`))).toBe(true);
        // Total made consistent with the wrong line (and payments raised to cover it): still caught.
        const totalCents = sale.totalCents + delta;
        const payments: Payment[] = [{ method: 'cash', amountCents: Math.max(1, totalCents) }];
        const covered = saleArithmeticProblems({ lines, totalCents, payments });
        expect(covered).toEqual([expect.stringMatching(new RegExp(`^line ${i + 1}: lineTotalCents`))]);
      }),
    );
  });

  it('names each kind of problem in its own sentence: line, total, short payment, card over total', () => {
    const lines: SaleLine[] = [{ productId: 'p', name: 'Pan', quantity: 2, unitPriceCents: 180, lineTotalCents: 360 }];
    expect(saleArithmeticProblems({ lines, totalCents: 360, payments: [{ method: 'cash', amountCents: 400 }] })).toEqual([]);
    expect(saleArithmeticProblems({ lines, totalCents: 350, payments: [{ method: 'cash', amountCents: 400 }] })).toEqual([
      'totalCents 350 is not the sum of the lines (360)',
    ]);
    expect(saleArithmeticProblems({ lines, totalCents: 360, payments: [{ method: 'cash', amountCents: 359 }] })).toEqual([
      'payments (359) do not cover the total (360)',
    ]);
    expect(saleArithmeticProblems({ lines, totalCents: 360, payments: [{ method: 'card', amountCents: 361 }] })).toEqual([
      'card payments (361) exceed the total (360)',
    ]);
    expect(
      saleArithmeticProblems({ lines: [{ ...lines[0]!, lineTotalCents: 359 }], totalCents: 359, payments: [{ method: 'cash', amountCents: 359 }] }),
    ).toEqual(['line 1: lineTotalCents 359 is not 2 × 180']);
  });
});
