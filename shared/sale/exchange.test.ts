import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sumCents } from '../money';
import type { Payment } from '../protocol/sale-doc';
import { exchangeProblems, settleExchange } from './exchange';
import { changeDue } from './sale-arithmetic';

const worth = fc.integer({ min: 1, max: 1e10 });
const money = (ps: readonly Payment[], method: Payment['method']) =>
  sumCents(ps.filter((p) => p.method === method).map((p) => p.amountCents));

describe('[S14] exchange settlement', () => {
  it('each ticket is paid exactly; the credit is the same on both; only the difference is money', () => {
    fc.assert(
      fc.property(worth, worth, fc.boolean(), fc.integer({ min: 0, max: 1e6 }), (returned, taken, card, extra) => {
        const owed = Math.max(0, taken - returned);
        const tender: Payment[] =
          owed === 0
            ? []
            : [
                card
                  ? { method: 'card', amountCents: owed, tenderedCents: null }
                  : { method: 'cash', amountCents: owed, tenderedCents: owed + extra },
              ];
        const s = settleExchange(returned, taken, tender);
        expect(s.differenceCents).toBe(taken - returned);
        expect(sumCents(s.refundPayments.map((p) => p.amountCents))).toBe(returned);
        expect(sumCents(s.salePayments.map((p) => p.amountCents))).toBe(taken);
        expect(money(s.refundPayments, 'exchange')).toBe(Math.min(returned, taken));
        expect(money(s.salePayments, 'exchange')).toBe(money(s.refundPayments, 'exchange'));
        // Money in minus money out is the difference, whatever the tender.
        const moneyIn = money(s.salePayments, 'cash') + money(s.salePayments, 'card');
        const moneyOut = money(s.refundPayments, 'cash') + money(s.refundPayments, 'card');
        expect(moneyIn - moneyOut).toBe(taken - returned);
        expect(s.salePayments.every((p) => p.amountCents > 0)).toBe(true);
        expect(s.refundPayments.every((p) => p.amountCents > 0)).toBe(true);
        expect(changeDue(s.salePayments)).toBe(card || owed === 0 ? 0 : extra);
        expect(exchangeProblems({ kind: 'refund', payments: s.refundPayments, exchangeWith: 'x' })).toEqual([]);
        expect(exchangeProblems({ kind: 'sale', payments: s.salePayments, exchangeWith: 'x' })).toEqual([]);
      }),
    );
  });

  it('even: no money at all; returned more: the rest back in cash; took more: the rest paid', () => {
    expect(settleExchange(500, 500, []).refundPayments).toEqual([
      { method: 'exchange', amountCents: 500, tenderedCents: null },
    ]);
    expect(settleExchange(800, 500, []).refundPayments).toEqual([
      { method: 'exchange', amountCents: 500, tenderedCents: null },
      { method: 'cash', amountCents: 300, tenderedCents: 300 },
    ]);
    expect(settleExchange(500, 800, [{ method: 'cash', amountCents: 300, tenderedCents: 1000 }]).salePayments).toEqual([
      { method: 'exchange', amountCents: 500, tenderedCents: null },
      { method: 'cash', amountCents: 300, tenderedCents: 1000 },
    ]);
  });

  it('refuses a difference owed without tenders, tenders that do not add up to it, money on an even one, or nothing returned', () => {
    expect(() => settleExchange(500, 800, [])).toThrow();
    expect(() => settleExchange(500, 800, [{ method: 'cash', amountCents: 200, tenderedCents: 200 }])).toThrow();
    expect(() => settleExchange(500, 500, [{ method: 'card', amountCents: 1, tenderedCents: null }])).toThrow();
    expect(() => settleExchange(800, 500, [{ method: 'cash', amountCents: 300, tenderedCents: 300 }])).toThrow();
    expect(() => settleExchange(0, 800, [{ method: 'card', amountCents: 800, tenderedCents: null }])).toThrow();
  });

  it("an 'exchange' tender outside an exchange, or with cash tendered, is a problem", () => {
    const carried: Payment = { method: 'exchange', amountCents: 100, tenderedCents: null };
    expect(exchangeProblems({ kind: 'sale', payments: [carried] })).toHaveLength(1);
    expect(
      exchangeProblems({ kind: 'sale', payments: [{ ...carried, tenderedCents: 100 }], exchangeWith: 'x' }),
    ).toHaveLength(1);
    expect(
      exchangeProblems({
        kind: 'sale',
        payments: [{ method: 'cash', amountCents: 1, tenderedCents: 1 }],
        exchangeWith: 'x',
      }),
    ).toHaveLength(1);
    expect(
      exchangeProblems({ kind: 'sale', payments: [{ method: 'card', amountCents: 1, tenderedCents: null }] }),
    ).toEqual([]);
  });
});
