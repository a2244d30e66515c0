import { describe, expect, it } from 'vitest';
import { parseAmountToCents } from './parse-amount';

describe('amount typed by a cashier → integer cents', () => {
  it('reads whole amounts, a dot or a comma, with no float maths', () => {
    expect(parseAmountToCents('150')).toBe(15000);
    expect(parseAmountToCents('150.5')).toBe(15050);
    expect(parseAmountToCents('0,07')).toBe(7);
    expect(parseAmountToCents('1234.99')).toBe(123499);
  });
  it('refuses what is not an amount', () => {
    for (const bad of ['', '-5', '1.234', 'abc', '1e3']) expect(parseAmountToCents(bad)).toBeNull();
  });
});
