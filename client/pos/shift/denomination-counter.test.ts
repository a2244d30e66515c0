import { describe, expect, it } from 'vitest';
import { parseCounts } from './DenominationCounter';

describe('counting the till by notes and coins', () => {
  it('reads whole counts, leaves out empty and zero ones, largest value first', () => {
    expect(parseCounts({ 25: '3', 2000: ' 2 ', 100: '', 500: '0' })).toEqual([
      { valueCents: 2000, count: 2 },
      { valueCents: 25, count: 3 },
    ]);
  });

  it('refuses what is not a whole count rather than guessing', () => {
    for (const text of ['2,5', '1.5', '-1', 'abc', '1e3', '1234567'])
      expect(parseCounts({ 100: text }), text).toBeNull();
  });
});
