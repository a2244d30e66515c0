import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Payment, SaleLine } from '../protocol/sale-doc';
import {
  addTender,
  discountCents,
  parseAmountToCents,
  percentToBasisPoints,
  quickCashAmounts,
  remainingDue,
  taxBreakdown,
} from './cart-math';
import { changeDue, saleArithmeticProblems } from './sale-arithmetic';
import { refundableUnits, refundLine } from './refund-math';
import { testSaleLine } from './test-sale-line';

const gross = fc.integer({ min: 0, max: 1e11 });
const rate = fc.constantFrom(0, 500, 800, 1000, 1600, 2100, 10000);

describe('line discounts', () => {
  it('a percent is rounded half up to the cent: 10 % of 1.25 is 0.13, 10 % of 1.24 is 0.12', () => {
    expect(discountCents(125, { kind: 'percent', basisPoints: 1000 })).toBe(13);
    expect(discountCents(124, { kind: 'percent', basisPoints: 1000 })).toBe(12);
    expect(discountCents(1000, { kind: 'percent', basisPoints: 1250 })).toBe(125);
    expect(discountCents(999, { kind: 'percent', basisPoints: 5000 })).toBe(500);
  });

  it('a discount never exceeds the line and is never negative, whatever the cashier types', () => {
    fc.assert(
      fc.property(
        gross,
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: -5000, max: 20000 }),
        (g, cents, bp) => {
          for (const d of [
            discountCents(g, { kind: 'amount', cents }),
            discountCents(g, { kind: 'percent', basisPoints: bp }),
          ]) {
            expect(Number.isInteger(d)).toBe(true);
            expect(d).toBeGreaterThanOrEqual(0);
            expect(d).toBeLessThanOrEqual(g);
          }
        },
      ),
    );
  });

  it('a percent discount is the exact percent to within half a cent, and 100 % is the whole line', () => {
    fc.assert(
      fc.property(gross, fc.integer({ min: 0, max: 10000 }), (g, bp) => {
        const d = discountCents(g, { kind: 'percent', basisPoints: bp });
        expect(Math.abs(d - (g * bp) / 10000)).toBeLessThanOrEqual(0.5 + 1e-6 * g);
        expect(discountCents(g, { kind: 'percent', basisPoints: 10000 })).toBe(g);
      }),
    );
  });

  it('reads percents and amounts as people type them, and refuses what is not one', () => {
    expect(percentToBasisPoints('12,5')).toBe(1250);
    expect(percentToBasisPoints('10%')).toBe(1000);
    expect(percentToBasisPoints('101')).toBeNull();
    expect(percentToBasisPoints('abc')).toBeNull();
    expect(parseAmountToCents('12,5')).toBe(1250);
    expect(parseAmountToCents('3')).toBe(300);
    expect(parseAmountToCents('1.234')).toBeNull();
    expect(parseAmountToCents('-1')).toBeNull();
  });
});

describe('tax breakdown of tax-inclusive prices', () => {
  it('16 % included in 116.00 is 16.00; half a cent rounds up per rate group', () => {
    expect(taxBreakdown([{ taxRateBp: 1600, lineTotalCents: 11600 }])).toEqual([
      { taxRateBp: 1600, grossCents: 11600, taxCents: 1600, netCents: 10000 },
    ]);
    // 10 % included: 1.65 holds 0.15 exactly; 0.11 holds 0.01 exactly.
    expect(taxBreakdown([{ taxRateBp: 1000, lineTotalCents: 165 }])[0]!.taxCents).toBe(15);
    expect(taxBreakdown([{ taxRateBp: 1000, lineTotalCents: 11 }])[0]!.taxCents).toBe(1);
    // Grouped: two lines of the same rate are taxed on their sum, not line by line.
    expect(
      taxBreakdown([
        { taxRateBp: 1600, lineTotalCents: 58 },
        { taxRateBp: 1600, lineTotalCents: 58 },
      ])[0]!.taxCents,
    ).toBe(16);
  });

  it('per group tax + net = gross, and the groups add up to the tax-inclusive total exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ taxRateBp: rate, lineTotalCents: fc.integer({ min: 0, max: 1e10 }) }), { maxLength: 30 }),
        (lines) => {
          const groups = taxBreakdown(lines);
          const total = lines.reduce((s, l) => s + l.lineTotalCents, 0);
          expect(groups.reduce((s, g) => s + g.grossCents, 0)).toBe(total);
          for (const g of groups) {
            expect(g.taxCents + g.netCents).toBe(g.grossCents);
            expect(g.taxCents).toBeGreaterThanOrEqual(0);
            // Within half a cent of the exact tax.
            expect(Math.abs(g.taxCents - (g.grossCents * g.taxRateBp) / (10000 + g.taxRateBp))).toBeLessThanOrEqual(
              0.5 + 1e-9 * g.grossCents,
            );
          }
          expect(new Set(groups.map((g) => g.taxRateBp)).size).toBe(groups.length);
        },
      ),
    );
  });
});

describe('tenders and change', () => {
  it('cash pays at most what is due and the rest is change: 6.80 due, 10.00 handed over, 3.20 back', () => {
    const r = addTender(680, [], { method: 'cash', tenderedCents: 1000 });
    expect(r).toEqual({ payments: [{ method: 'cash', amountCents: 680, tenderedCents: 1000 }] });
    if ('payments' in r) expect(changeDue(r.payments)).toBe(320);
  });

  it('a card cannot pay more than is due, and nothing is taken once all is paid', () => {
    expect(addTender(680, [], { method: 'card', amountCents: 700 })).toEqual({ problem: 'card-over-due' });
    expect(
      addTender(680, [{ method: 'card', amountCents: 680, tenderedCents: null }], {
        method: 'cash',
        tenderedCents: 100,
      }),
    ).toEqual({ problem: 'nothing-due' });
    expect(addTender(680, [], { method: 'cash', tenderedCents: 0 })).toEqual({ problem: 'not-positive' });
  });

  it('split tenders (cards then cash) add up to the total exactly, change is never negative, and the shared rule accepts the ticket', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e9 }),
        fc.array(
          fc.oneof(
            fc.record({ method: fc.constant('card' as const), amountCents: fc.integer({ min: 1, max: 1e9 }) }),
            fc.record({ method: fc.constant('cash' as const), tenderedCents: fc.integer({ min: 1, max: 2e9 }) }),
          ),
          { maxLength: 8 },
        ),
        (total, tenders) => {
          let payments: Payment[] = [];
          for (const t of tenders) {
            const r = addTender(total, payments, t);
            if ('payments' in r) payments = r.payments;
          }
          // Whatever is left is paid in exact cash, as the cashier finishes the ticket.
          const left = remainingDue(total, payments);
          if (left > 0) payments = [...payments, { method: 'cash', amountCents: left, tenderedCents: left }];
          expect(payments.reduce((s, p) => s + p.amountCents, 0)).toBe(total);
          expect(changeDue(payments)).toBeGreaterThanOrEqual(0);
          const line: SaleLine = {
            productId: 'p',
            name: 'x',
            quantity: 1,
            unitPriceCents: total,
            taxRateBp: 0,
            discountCents: 0,
            discountReason: null,
            lineTotalCents: total,
          };
          expect(saleArithmeticProblems({ lines: [line], totalCents: total, payments })).toEqual([]);
        },
      ),
    );
  });

  it('quick cash buttons start at the exact amount and offer only amounts that cover it', () => {
    expect(quickCashAmounts(680)).toEqual([680, 1000, 2000, 5000]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e8 }), (due) => {
        const q = quickCashAmounts(due);
        expect(q[0]).toBe(due);
        for (const a of q) expect(a).toBeGreaterThanOrEqual(due);
      }),
    );
  });
});

describe('refunds', () => {
  const line = (quantity: number, discountCents: number, productId = 'p') =>
    testSaleLine(productId, quantity, discountCents);

  it('refunding a discounted line unit by unit gives back exactly what was paid, and every refund line adds up', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.integer({ min: 1, max: 10 }), { maxLength: 20 }),
        (qty, share, steps) => {
          const sold = line(qty, Math.floor(333 * qty * share));
          let done = 0;
          let back = 0;
          for (const s of [...steps, qty]) {
            const units = Math.min(s, qty - done);
            if (units === 0) break;
            const r = refundLine(sold, done, units);
            expect(
              saleArithmeticProblems({
                lines: [r],
                totalCents: r.lineTotalCents,
                payments:
                  r.lineTotalCents > 0 ? [{ method: 'cash', amountCents: r.lineTotalCents, tenderedCents: null }] : [],
              }).filter((p) => !p.startsWith('payments')),
            ).toEqual([]);
            done += units;
            back += r.lineTotalCents;
          }
          expect(done).toBe(qty);
          expect(back).toBe(sold.lineTotalCents);
        },
      ),
    );
  });

  it('units already given back by earlier refunds of the sale are not refundable again', () => {
    const sale = { id: 's1', kind: 'sale' as const, refundOf: null, lines: [line(3, 0, 'a'), line(2, 0, 'b')] };
    const r1 = { id: 'r1', kind: 'refund' as const, refundOf: 's1', lines: [line(2, 0, 'a')] };
    const other = { id: 'r2', kind: 'refund' as const, refundOf: 'other-sale', lines: [line(2, 0, 'b')] };
    expect(refundableUnits(sale, [])).toEqual([3, 2]);
    expect(refundableUnits(sale, [r1, other])).toEqual([1, 2]);
    expect(refundableUnits(sale, [r1, { ...r1, id: 'r3', lines: [line(1, 0, 'a'), line(2, 0, 'b')] }])).toEqual([0, 0]);
  });
});
