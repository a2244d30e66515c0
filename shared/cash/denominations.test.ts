import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countedTotal,
  DENOMINATION_CURRENCIES,
  denominationDigits,
  denominationProblem,
  denominationsOf,
} from './denominations';

describe('denominations', () => {
  it('covers the currencies the chain may sell in', () => {
    for (const c of ['USD', 'EUR', 'MXN', 'COP', 'PEN', 'CLP', 'ARS', 'GBP']) expect(denominationsOf(c)).not.toBeNull();
    expect(denominationsOf('JPY')).toBeNull();
  });

  it.each(DENOMINATION_CURRENCIES)('%s: minor units as Intl formats them, each value once, largest first', (c) => {
    const intlDigits = new Intl.NumberFormat('en', { style: 'currency', currency: c }).resolvedOptions()
      .maximumFractionDigits;
    expect(denominationDigits(c)).toBe(intlDigits);
    const values = denominationsOf(c)!.map((d) => d.valueCents);
    expect(values.every(Number.isSafeInteger)).toBe(true);
    expect([...values].sort((a, b) => b - a)).toEqual(values);
    expect(new Set(values).size).toBe(values.length);
  });

  it('USD 2 × 20 + 3 × 0.25 + 4 × 0.01 = 40.79', () => {
    expect(
      countedTotal([
        { valueCents: 2000, count: 2 },
        { valueCents: 25, count: 3 },
        { valueCents: 1, count: 4 },
      ]),
    ).toBe(4079);
  });

  it('the total is the sum of value × count, whatever the order of the counts', () => {
    const usd = denominationsOf('USD')!.map((d) => d.valueCents);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...usd), fc.nat(10_000)), { maxLength: 12 }), (pairs) => {
        const counts = pairs.map(([valueCents, count]) => ({ valueCents, count }));
        const expected = pairs.reduce((s, [v, n]) => s + v * n, 0);
        expect(countedTotal(counts)).toBe(expected);
        expect(countedTotal([...counts].reverse())).toBe(expected);
      }),
    );
  });

  it('a count must be of the currency, each value once, and add up to the amount', () => {
    expect(denominationProblem('USD', [], 1234)).toBeNull();
    expect(denominationProblem('USD', [{ valueCents: 2000, count: 1 }], 2000)).toBeNull();
    expect(denominationProblem('USD', [{ valueCents: 2000, count: 1 }], 2100)).toMatch(/add up to 2000/);
    expect(denominationProblem('USD', [{ valueCents: 300, count: 1 }], 300)).toMatch(/not a note or coin/);
    expect(
      denominationProblem(
        'USD',
        [
          { valueCents: 100, count: 1 },
          { valueCents: 100, count: 1 },
        ],
        200,
      ),
    ).toMatch(/twice/);
    expect(denominationProblem('JPY', [{ valueCents: 1000, count: 1 }], 1000)).toMatch(/no table/);
    expect(denominationProblem('CLP', [{ valueCents: 500, count: 3 }], 1500)).toBeNull();
  });
});
