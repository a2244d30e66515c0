import { describe, expect, it } from 'vitest';
import type { SaleRow } from '../../sync/collections';
import { ticketMatches } from './ticket-search';

const sale = {
  receiptNumber: '001-02-000045',
  totalCents: 430,
  lines: [{ name: 'Pan Integral' }, { name: 'Manzanas Orgánicas' }],
} as unknown as SaleRow;

describe('ticketMatches (issue 13 grocery item 2)', () => {
  it('finds a ticket by number, time, amount with either separator, or product without accents', () => {
    for (const q of ['000045', '001-02', '10:42', '4.30', '4,30', 'organicas', 'pan manzanas', ''])
      expect(ticketMatches(sale, q, '10:42'), q).toBe(true);
  });

  it('needs every word to match', () => {
    for (const q of ['000046', '11:00', '4.31', 'leche', 'pan leche'])
      expect(ticketMatches(sale, q, '10:42'), q).toBe(false);
  });
});
