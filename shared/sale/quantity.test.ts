import { describe, expect, it } from 'vitest';
import { formatProductQuantity, MAX_LINE_QUANTITY, parseQuantity } from './quantity';

describe('parseQuantity (issue 13: a quantity is refused with a reason, never changed)', () => {
  it('reads whole numbers, 0 included (it removes the line)', () => {
    expect(parseQuantity('3')).toEqual({ quantity: 3 });
    expect(parseQuantity(' 12 ')).toEqual({ quantity: 12 });
    expect(parseQuantity('0')).toEqual({ quantity: 0 });
    expect(parseQuantity(String(MAX_LINE_QUANTITY))).toEqual({ quantity: MAX_LINE_QUANTITY });
  });

  it('refuses a decimal with either separator instead of reading 2,5 as 25', () => {
    for (const t of ['2,5', '2.5', ',5', '2.', '0,001']) expect(parseQuantity(t)).toEqual({ problem: 'notWhole' });
  });

  it('refuses what is not a number, and more than the line maximum', () => {
    for (const t of ['abc', '', '-1', '1e3', '2 5', '1.000.000', '3kg'])
      expect(parseQuantity(t)).toEqual({ problem: 'notANumber' });
    expect(parseQuantity('1000000')).toEqual({ problem: 'tooLarge' });
    expect(parseQuantity(String(MAX_LINE_QUANTITY + 1))).toEqual({ problem: 'tooLarge' });
  });
});

describe('formatProductQuantity (issue 13: weighed quantities shown in their unit, never as raw grams)', () => {
  it('shows a kg product in kilograms with its decimals and the locale separator', () => {
    expect(formatProductQuantity(1250, { unit: 'kg', quantityDecimals: 3 }, 'es')).toBe('1,250 kg');
    expect(formatProductQuantity(1250, { unit: 'kg', quantityDecimals: 3 }, 'en')).toBe('1.250 kg');
    expect(formatProductQuantity(-2500, { unit: 'kg', quantityDecimals: 3 }, 'es')).toBe('-2,500 kg');
  });

  it('shows a product sold by the piece as the bare number, also when its unit is unknown', () => {
    expect(formatProductQuantity(3, { unit: 'each', quantityDecimals: 0 }, 'es')).toBe('3');
    expect(formatProductQuantity(12, {}, 'en')).toBe('12');
  });
});
