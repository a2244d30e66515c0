import { describe, expect, it } from 'vitest';
import { varianceOf } from './count-report';

const line = {
  counted: 0,
  countedAt: '',
  source: 'console' as const,
  book: 0,
  late: 0,
  priceCents: 0,
  byThePiece: true,
};

describe('a count line’s variance valued at the master price (SPEC S13)', () => {
  it('values a piece product’s units at its price', () => {
    expect(varianceOf({ ...line, counted: 7, book: 10, priceCents: 250, quantityDecimals: 0 })).toEqual({
      expected: 10,
      variance: -3,
      varianceCents: -750,
    });
  });

  it('values a weighed product’s grams at its price per kilogram, rounded once half up', () => {
    // 1,255 kg short of cheese at 9,00/kg: 11,295 → 11,30.
    expect(varianceOf({ ...line, counted: 745, book: 2000, priceCents: 900, quantityDecimals: 3 })).toEqual({
      expected: 2000,
      variance: -1255,
      varianceCents: -1130,
    });
    expect(varianceOf({ ...line, counted: 2500, book: 2000, priceCents: 900, quantityDecimals: 3 }).varianceCents).toBe(
      450,
    );
  });
});
