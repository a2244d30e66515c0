import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approvalsNeeded, missingApprovals } from './approvals-needed';
import { applyTicketDiscount } from './ticket-discount';

const line = (unitPriceCents: number, discountCents = 0, extra: object = {}) => ({
  productId: 'p',
  name: 'P',
  quantity: 1,
  unitPriceCents,
  taxRateBp: 0,
  discountCents,
  discountReason: discountCents ? 'r' : null,
  lineTotalCents: unitPriceCents - discountCents,
  ...extra,
});
const sale = (lines: ReturnType<typeof line>[]) => ({
  kind: 'sale' as const,
  refundOf: null,
  lines,
  totalCents: lines.reduce((s, l) => s + l.lineTotalCents, 0),
});

describe('what a ticket needs a supervisor for', () => {
  it('a discount up to the limit needs nothing; one cent above it needs approval', () => {
    expect(approvalsNeeded(sale([line(1000, 100)]), 1000)).toEqual([]);
    expect(approvalsNeeded(sale([line(1000, 101)]), 1000)).toEqual(['discount']);
    expect(approvalsNeeded(sale([line(1000, 1)]), 0)).toEqual(['discount']);
  });

  it('a ticket discount counts over the whole ticket, so its rounding on one line never trips the limit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 10000 }),
        fc.integer({ min: 0, max: 10000 }),
        (prices, bp, limit) => {
          const { lines } = applyTicketDiscount(
            prices.map((p) => line(p)),
            { kind: 'percent', basisPoints: bp },
            'x',
          );
          const needs = approvalsNeeded(sale(lines), limit).includes('discount');
          const gross = prices.reduce((s, p) => s + p, 0);
          const given = gross - lines.reduce((s, l) => s + l.lineTotalCents, 0);
          expect(needs).toBe(given * 10000 > gross * limit);
        },
      ),
    );
  });

  it('a changed price, a zero total and a refund without a receipt always need approval', () => {
    expect(approvalsNeeded(sale([line(900, 0, { overriddenFromCents: 1000 })]), 10000)).toEqual(['price_override']);
    expect(approvalsNeeded(sale([line(0)]), 10000)).toEqual(['zero_total']);
    expect(approvalsNeeded({ ...sale([line(100)]), kind: 'refund', refundOf: null }, 0)).toEqual([
      'refund_without_receipt',
    ]);
    expect(approvalsNeeded({ ...sale([line(100)]), kind: 'refund', refundOf: 'x' }, 0)).toEqual([]);
  });

  it('an approval of one kind does not stand for another', () => {
    expect(missingApprovals(['discount', 'zero_total'], [{ kind: 'discount' }])).toEqual(['zero_total']);
  });
});
