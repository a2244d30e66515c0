import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { saleArithmeticProblems } from './sale-arithmetic';
import {
  applyTicketDiscount,
  combinedReason,
  spreadTicketDiscount,
  ticketDiscountCents,
  ticketDiscountProblems,
} from './ticket-discount';

const lines = fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 60 });

describe('whole-ticket discount spread (largest remainder)', () => {
  it('shares add up to the discount exactly, each within its line and never negative', () => {
    fc.assert(
      fc.property(lines, fc.integer({ min: 0, max: 7e10 }), (amounts, discount) => {
        const total = amounts.reduce((s, a) => s + a, 0);
        const shares = spreadTicketDiscount(amounts, discount);
        expect(shares).toHaveLength(amounts.length);
        expect(shares.reduce((s, x) => s + x, 0)).toBe(total === 0 ? 0 : Math.min(discount, total));
        shares.forEach((s, i) => {
          expect(Number.isSafeInteger(s)).toBe(true);
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(amounts[i]!);
        });
      }),
    );
  });

  it('each share is within one cent of the line’s exact proportional share', () => {
    fc.assert(
      fc.property(lines, fc.integer({ min: 0, max: 1e9 }), (amounts, discount) => {
        const total = amounts.reduce((s, a) => s + a, 0);
        fc.pre(total > 0 && discount <= total);
        spreadTicketDiscount(amounts, discount).forEach((s, i) => {
          const exact = (amounts[i]! * discount) / total;
          expect(Math.abs(s - exact)).toBeLessThan(1 + 1e-6 * Math.max(1, exact));
        });
      }),
    );
  });

  it('the order of the lines only moves tie-broken cents: same multiset of line totals, same sum', () => {
    fc.assert(
      fc.property(lines, fc.integer({ min: 0, max: 1e10 }), (amounts, discount) => {
        const a = spreadTicketDiscount(amounts, discount);
        const b = spreadTicketDiscount([...amounts].reverse(), discount).reverse();
        expect(a.reduce((s, x) => s + x, 0)).toBe(b.reduce((s, x) => s + x, 0));
        a.forEach((x, i) => expect(Math.abs(x - b[i]!)).toBeLessThanOrEqual(1));
      }),
    );
  });

  it('examples: 1.00 off 3 × 1.00 goes 34/33/33; the larger remainder takes the spare cent', () => {
    expect(spreadTicketDiscount([100, 100, 100], 100)).toEqual([34, 33, 33]);
    expect(spreadTicketDiscount([250, 750], 101)).toEqual([25, 76]);
    expect(spreadTicketDiscount([0, 500], 100)).toEqual([0, 100]);
    expect(spreadTicketDiscount([300], 500)).toEqual([300]);
  });

  it('a percent of the ticket rounds half up and never exceeds the ticket', () => {
    expect(ticketDiscountCents(1005, { kind: 'percent', basisPoints: 1000 })).toBe(101);
    expect(ticketDiscountCents(1000, { kind: 'amount', cents: 5000 })).toBe(1000);
  });

  it('a line with its own discount and a share of the ticket’s keeps both reasons', () => {
    expect(combinedReason('golpe', 'cliente frecuente')).toBe('golpe · cliente frecuente');
    expect(combinedReason(null, 'cliente frecuente')).toBe('cliente frecuente');
    expect(combinedReason(' ', null)).toBeNull();
  });
});

describe('a ticket with a whole-ticket discount', () => {
  const line = fc
    .record({
      unitPriceCents: fc.integer({ min: 0, max: 1e6 }),
      quantity: fc.integer({ min: 1, max: 50 }),
      ownBp: fc.integer({ min: 0, max: 10000 }),
    })
    .map(({ unitPriceCents, quantity, ownBp }) => {
      const gross = unitPriceCents * quantity;
      const discountCents = Math.floor((gross * ownBp) / 10000);
      return {
        productId: 'p',
        name: 'P',
        quantity,
        unitPriceCents,
        taxRateBp: 1600,
        discountCents,
        discountReason: discountCents > 0 ? 'golpe' : null,
        lineTotalCents: gross - discountCents,
      };
    });
  const input = fc.oneof(
    fc.integer({ min: 0, max: 1e8 }).map((cents) => ({ kind: 'amount' as const, cents })),
    fc.integer({ min: 0, max: 10000 }).map((basisPoints) => ({ kind: 'percent' as const, basisPoints })),
  );

  it('still adds up line by line and in total, and the server’s checks accept it', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), input, (lines, discount) => {
        const { lines: out, ticketDiscount } = applyTicketDiscount(lines, discount, 'cliente frecuente');
        const total = out.reduce((s, l) => s + l.lineTotalCents, 0);
        const before = lines.reduce((s, l) => s + l.lineTotalCents, 0);
        expect(total).toBe(before - (ticketDiscount?.cents ?? 0));
        const sale = {
          lines: out,
          ticketDiscount,
          totalCents: total,
          payments: total > 0 ? [{ method: 'card' as const, amountCents: total, tenderedCents: null }] : [],
        };
        const problems = saleArithmeticProblems(sale).filter((p) => !p.startsWith('payments'));
        expect(problems).toEqual([]);
      }),
    );
  });

  it('a share moved from one line to another, or a wrong percent, is a problem the server names', () => {
    const lines = [100, 200, 300].map((p) => ({
      productId: `p${p}`,
      name: 'P',
      quantity: 1,
      unitPriceCents: p,
      taxRateBp: 0,
      discountCents: 0,
      discountReason: null,
      lineTotalCents: p,
    }));
    const { lines: out, ticketDiscount } = applyTicketDiscount(lines, { kind: 'percent', basisPoints: 1000 }, 'x');
    expect(ticketDiscount).toEqual({ kind: 'percent', basisPoints: 1000, cents: 60, reason: 'x' });
    expect(ticketDiscountProblems({ lines: out, ticketDiscount })).toEqual([]);
    const moved = out.map((l, i) =>
      i === 0
        ? {
            ...l,
            discountCents: l.discountCents + 1,
            ticketDiscountCents: l.ticketDiscountCents! + 1,
            lineTotalCents: l.lineTotalCents - 1,
          }
        : i === 1
          ? {
              ...l,
              discountCents: l.discountCents - 1,
              ticketDiscountCents: l.ticketDiscountCents! - 1,
              lineTotalCents: l.lineTotalCents + 1,
            }
          : l,
    );
    expect(ticketDiscountProblems({ lines: moved, ticketDiscount })).toHaveLength(1);
    expect(
      ticketDiscountProblems({ lines: out, ticketDiscount: { ...ticketDiscount!, basisPoints: 2000 } }),
    ).toHaveLength(1);
    expect(ticketDiscountProblems({ lines: out, ticketDiscount: null })).toHaveLength(1);
  });
});
