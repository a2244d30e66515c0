import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, isCents, multiplyCents, sumCents } from './money';

describe('money in integer minor units', () => {
  it('isCents accepts safe integers only: no fractions, NaN, infinities or unsafe integers', () => {
    expect([0, 1, -250, Number.MAX_SAFE_INTEGER].map(isCents)).toEqual([true, true, true, true]);
    expect([0.5, 12.34, Number.NaN, Infinity, Number.MAX_SAFE_INTEGER + 1].map(isCents)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('multiplyCents multiplies a unit price by a quantity exactly', () => {
    expect(multiplyCents(250, 3)).toBe(750);
    expect(multiplyCents(1250, 0)).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 100_000 }), (unit, qty) => {
        const total = multiplyCents(unit, qty);
        expect(Number.isSafeInteger(total)).toBe(true);
        expect(total).toBe(unit * qty);
      }),
    );
  });

  it('multiplyCents refuses a fractional price or quantity with a RangeError naming both', () => {
    expect(() => multiplyCents(2.5, 2)).toThrow(RangeError);
    expect(() => multiplyCents(250, 1.5)).toThrow(/250 × 1.5/);
    expect(() => multiplyCents(Number.NaN, 1)).toThrow(RangeError);
  });

  it('sumCents adds integers, 0 for none, in any order', () => {
    expect(sumCents([])).toBe(0);
    expect(sumCents([250, 180, 320])).toBe(750);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e9, max: 1e9 }), { maxLength: 50 }), (values) => {
        const total = sumCents(values);
        expect(Number.isSafeInteger(total)).toBe(true);
        expect(sumCents([...values].reverse())).toBe(total);
      }),
    );
  });

  it("formatMoney uses the currency's own fraction digits and the locale's separators", () => {
    expect(formatMoney(1234, 'USD', 'en-US')).toBe('$12.34');
    expect(formatMoney(5, 'USD', 'en-US')).toBe('$0.05');
    expect(formatMoney(-5, 'USD', 'en-US')).toBe('-$0.05');
    // Yen have no minor unit: 1234 minor units are ¥1,234.
    expect(formatMoney(1234, 'JPY', 'en-US')).toBe('¥1,234');
    expect(formatMoney(1234, 'EUR', 'es-ES').replace(/\s/g, ' ')).toBe('12,34 €');
    // Formatters are cached per locale and currency: a second currency does not reuse the first.
    expect(formatMoney(1234, 'USD', 'en-US')).toBe('$12.34');
  });
});
