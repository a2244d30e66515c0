import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Payment, SaleDoc, SaleLine } from '../protocol/sale-doc';
import { changeDue, lineTotal, saleArithmeticProblems, saleTotal } from './sale-arithmetic';

type SaleMoney = Pick<SaleDoc, 'lines' | 'totalCents' | 'payments'>;

const priceArb = fc.integer({ min: 0, max: 1_000_000 });
const qtyArb = fc.integer({ min: 1, max: 1000 });

const lineArb: fc.Arbitrary<SaleLine> = fc
  .record({
    unitPriceCents: priceArb,
    quantity: qtyArb,
    productId: fc.uuid(),
    name: fc.string({ minLength: 1, maxLength: 20 }),
    taxRateBp: fc.constantFrom(0, 800, 1600),
    discountShare: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ discountShare, ...l }) => {
    const discountCents = Math.floor(l.unitPriceCents * l.quantity * discountShare);
    return {
      ...l,
      discountCents,
      discountReason: discountCents > 0 ? 'promo' : null,
      lineTotalCents: l.unitPriceCents * l.quantity - discountCents,
    };
  });

/** A sale as a correct device builds it: line totals, their sum, card up to the total, cash the rest (with change). */
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
    if (card > 0) payments.push({ method: 'card', amountCents: card, tenderedCents: null });
    const cashPart = totalCents - card;
    if (cashPart > 0) payments.push({ method: 'cash', amountCents: cashPart, tenderedCents: cash });
    if (payments.length === 0)
      return {
        lines: lines.map((l) => ({
          ...l,
          unitPriceCents: l.unitPriceCents + 1,
          discountCents: 0,
          discountReason: null,
          lineTotalCents: (l.unitPriceCents + 1) * l.quantity,
        })),
        totalCents: -1,
        payments,
      };
    return { lines, totalCents, payments };
  })
  .map((sale) => {
    if (sale.totalCents !== -1) return sale;
    // All lines free: make the first line cost something so a tender can pay it.
    const totalCents = sale.lines.reduce((s, l) => s + l.lineTotalCents, 0);
    return {
      ...sale,
      totalCents,
      payments: [{ method: 'cash' as const, amountCents: totalCents, tenderedCents: totalCents }],
    };
  });

const paymentArb: fc.Arbitrary<Payment> = fc.oneof(
  fc.record({
    method: fc.constant('card' as const),
    amountCents: fc.integer({ min: 1, max: 1e9 }),
    tenderedCents: fc.constant(null),
  }),
  fc
    .record({
      method: fc.constant('cash' as const),
      amountCents: fc.integer({ min: 1, max: 1e9 }),
      extra: fc.option(fc.integer({ min: 0, max: 1e6 })),
    })
    .map(({ extra, ...p }) => ({ ...p, tenderedCents: extra === null ? null : p.amountCents + extra })),
);

describe('sale arithmetic', () => {
  it('lineTotal is quantity × unit price − discount: an integer for any integer price and quantity', () => {
    expect(lineTotal({ unitPriceCents: 250, quantity: 3 })).toBe(750);
    expect(lineTotal({ unitPriceCents: 250, quantity: 3, discountCents: 50 })).toBe(700);
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
    expect(
      saleTotal([
        { unitPriceCents: 250, quantity: 2 },
        { unitPriceCents: 180, quantity: 1 },
      ]),
    ).toBe(680);
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 30 }), (lines) => {
        const total = saleTotal(lines);
        expect(Number.isInteger(total)).toBe(true);
        expect(total).toBe(lines.reduce((s, l) => s + lineTotal(l), 0));
      }),
    );
  });

  it('changeDue is the cash tendered beyond what it pays, summed over cash tenders, never negative', () => {
    expect(changeDue([{ method: 'cash', amountCents: 680, tenderedCents: 1000 }])).toBe(320);
    expect(
      changeDue([
        { method: 'card', amountCents: 500, tenderedCents: null },
        { method: 'cash', amountCents: 180, tenderedCents: 200 },
      ]),
    ).toBe(20);
    expect(changeDue([{ method: 'cash', amountCents: 680, tenderedCents: null }])).toBe(0);
    fc.assert(
      fc.property(fc.array(paymentArb, { maxLength: 5 }), (payments) => {
        const change = changeDue(payments);
        expect(change).toBeGreaterThanOrEqual(0);
        expect(Number.isInteger(change)).toBe(true);
        expect(change).toBe(
          payments.reduce(
            (s, p) => s + (p.method === 'cash' && p.tenderedCents !== null ? p.tenderedCents - p.amountCents : 0),
            0,
          ),
        );
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
      fc.property(
        wellFormedSaleArb,
        fc.nat(),
        fc.integer({ min: -1000, max: 1000 }).filter((d) => d !== 0),
        (sale, pick, shift) => {
          const i = pick % sale.lines.length;
          const line = sale.lines[i]!;
          // Off by some cents either way, but never below zero (the schema refuses negative totals).
          const delta = line.lineTotalCents + shift < 0 ? -shift : shift;
          const lines = sale.lines.map((l, j) => (j === i ? { ...l, lineTotalCents: l.lineTotalCents + delta } : l));
          // Perturbed alone: the line and the total both disagree.
          const alone = saleArithmeticProblems({ ...sale, lines });
          expect(
            alone.some((p) => p.startsWith(`line ${i + 1}: lineTotalCents ${line.lineTotalCents + delta} is not`)),
          ).toBe(true);
          // Total made consistent with the wrong line (and payments raised to cover it): still caught.
          const totalCents = sale.totalCents + delta;
          const payments: Payment[] = [{ method: 'cash', amountCents: Math.max(1, totalCents), tenderedCents: null }];
          const covered = saleArithmeticProblems({ lines, totalCents: Math.max(1, totalCents), payments }).filter(
            (p) => !p.startsWith('totalCents'),
          );
          expect(covered).toEqual([expect.stringMatching(new RegExp(`^line ${i + 1}: lineTotalCents`))]);
        },
      ),
    );
  });

  it('names each kind of problem in its own sentence: line, total, tenders not adding up, short cash, discount without reason', () => {
    const lines: SaleLine[] = [
      {
        productId: 'p',
        name: 'Pan',
        quantity: 2,
        unitPriceCents: 180,
        taxRateBp: 0,
        discountCents: 0,
        discountReason: null,
        lineTotalCents: 360,
      },
    ];
    const cash = (amountCents: number, tenderedCents: number | null = amountCents): Payment => ({
      method: 'cash',
      amountCents,
      tenderedCents,
    });
    expect(saleArithmeticProblems({ lines, totalCents: 360, payments: [cash(360, 400)] })).toEqual([]);
    expect(saleArithmeticProblems({ lines, totalCents: 350, payments: [cash(350)] })).toEqual([
      'totalCents 350 is not the sum of the lines (360)',
    ]);
    expect(saleArithmeticProblems({ lines, totalCents: 360, payments: [cash(359)] })).toEqual([
      'payments (359) do not add up to the total (360)',
    ]);
    expect(
      saleArithmeticProblems({
        lines,
        totalCents: 360,
        payments: [{ method: 'card', amountCents: 361, tenderedCents: null }],
      }),
    ).toEqual(['payments (361) do not add up to the total (360)']);
    expect(saleArithmeticProblems({ lines, totalCents: 360, payments: [cash(360, 300)] })).toEqual([
      'payment 1: cash tendered 300 is less than the 360 it pays',
    ]);
    expect(
      saleArithmeticProblems({
        lines: [{ ...lines[0]!, lineTotalCents: 359 }],
        totalCents: 359,
        payments: [cash(359)],
      }),
    ).toEqual(['line 1: lineTotalCents 359 is not 2 × 180 − 0']);
    expect(
      saleArithmeticProblems({
        lines: [{ ...lines[0]!, discountCents: 60, lineTotalCents: 300 }],
        totalCents: 300,
        payments: [cash(300)],
      }),
    ).toEqual(['line 1: a discount needs a reason']);
    expect(
      saleArithmeticProblems({
        lines: [{ ...lines[0]!, discountCents: 400, discountReason: 'x', lineTotalCents: -40 }],
        totalCents: -40,
        payments: [cash(1)],
      })[0],
    ).toBe("line 1: discount 400 exceeds the line's 360");
  });
});
