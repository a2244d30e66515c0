import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { beyondCashLimit, shiftReport } from './shift-report';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 9, minute)).toISOString();
const cash = (amountCents: number) => ({ method: 'cash' as const, amountCents, tenderedCents: amountCents });
const card = (amountCents: number) => ({ method: 'card' as const, amountCents, tenderedCents: null });

describe('shift report', () => {
  it('expected cash = float + cash sales − cash refunds + cash in − cash out; over/short = counted − expected', () => {
    const r = shiftReport(
      's1',
      [
        { kind: 'close', amountCents: 15_100, at: at(50), cashierName: 'Ana' },
        { kind: 'open', amountCents: 10_000, at: at(0), cashierName: 'Ana' },
        { kind: 'cash_in', amountCents: 500, at: at(10), cashierName: 'Ana' },
        { kind: 'cash_out', amountCents: 2_000, at: at(20), cashierName: 'Ana' },
      ],
      [
        { kind: 'sale', payments: [cash(5_000)] },
        { kind: 'sale', payments: [cash(1_000), card(3_000)] },
        { kind: 'refund', payments: [cash(400)] },
        { kind: 'refund', payments: [card(700)] },
      ],
    );
    expect(r).toMatchObject({
      status: 'closed',
      floatCents: 10_000,
      cashSalesCents: 6_000,
      cardSalesCents: 3_000,
      cashRefundsCents: 400,
      cardRefundsCents: 700,
      cashInCents: 500,
      cashOutCents: 2_000,
      expectedCashCents: 10_000 + 6_000 - 400 + 500 - 2_000,
      countedCashCents: 15_100,
      overShortCents: 15_100 - 14_100,
      salesCount: 2,
      refundsCount: 2,
    });
  });

  it('an open shift has no count and no over/short yet', () => {
    const r = shiftReport('s2', [{ kind: 'open', amountCents: 5_000, at: at(0), cashierName: 'Luis' }], []);
    expect(r).toMatchObject({
      status: 'open',
      expectedCashCents: 5_000,
      countedCashCents: null,
      overShortCents: null,
      cashierName: 'Luis',
    });
  });

  it('counts the drawer opened with no sale and keeps the notes and coins of the close; no-sale opens move no cash', () => {
    const denominations = [
      { valueCents: 2000, count: 1 },
      { valueCents: 100, count: 3 },
    ];
    const r = shiftReport(
      's3',
      [
        { kind: 'open', amountCents: 2_000, at: at(0), cashierName: 'Ana' },
        { kind: 'no_sale', amountCents: 0, at: at(5), cashierName: 'Ana' },
        { kind: 'no_sale', amountCents: 0, at: at(6), cashierName: 'Ana' },
        { kind: 'close', amountCents: 2_300, at: at(9), cashierName: 'Ana', denominations },
      ],
      [],
    );
    expect(r).toMatchObject({ noSaleCount: 2, denominations, expectedCashCents: 2_000, overShortCents: 300 });
  });

  it('a difference is beyond the limit only when larger than it, over or short', () => {
    expect(beyondCashLimit(null, 0)).toBe(false);
    expect(beyondCashLimit(2000, 2000)).toBe(false);
    expect(beyondCashLimit(-2000, 2000)).toBe(false);
    expect(beyondCashLimit(2001, 2000)).toBe(true);
    expect(beyondCashLimit(-2001, 2000)).toBe(true);
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.nat(1e9), (d, limit) => {
        expect(beyondCashLimit(d, limit)).toBe(beyondCashLimit(-d, limit));
        expect(beyondCashLimit(d, limit)).toBe(d > limit || -d > limit);
      }),
    );
  });
});
