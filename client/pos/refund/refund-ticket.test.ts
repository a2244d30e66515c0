import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SaleLine } from '../../../shared/protocol/sale-doc';
import { sumCents } from '../../../shared/money';
import { testSaleLine } from '../../../shared/sale/test-sale-line';
import type { SaleRow } from '../../sync/collections';
import { chosenRefundLines, refundTicket, type FoundSale } from './refund-ticket';

const found = (lines: SaleLine[], left = lines.map((l) => l.quantity)): FoundSale => ({
  sale: { id: 'sale-1', lines, totalCents: sumCents(lines.map((l) => l.lineTotalCents)) } as SaleRow,
  left,
  alreadyPartly: false,
});

const cashier = { id: 'c1', name: 'Ana', shiftId: 's1' };

describe('a refund by receipt', () => {
  it('takes only the lines with units chosen, and a line’s units come back with their share of its discount', () => {
    const f = found([testSaleLine('a', 4, 100), testSaleLine('b', 2, 0)]);
    const lines = chosenRefundLines(f, [2, 0]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ productId: 'a', quantity: 2, discountCents: 50, lineTotalCents: 666 - 50 });
  });

  it('every unit left, chosen, gives back exactly what the ticket was paid', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: 1, max: 20 }).chain((q) => fc.tuple(fc.constant(q), fc.integer({ min: 0, max: 333 * q }))),
          { minLength: 1, maxLength: 6 },
        ),
        (rows) => {
          const f = found(rows.map(([q, d], i) => testSaleLine(`p${i}`, q, d)));
          const lines = chosenRefundLines(f, f.left);
          expect(sumCents(lines.map((l) => l.lineTotalCents))).toBe(f.sale.totalCents);
        },
      ),
    );
  });

  it('is one refund ticket naming the sale, paid back by the method chosen (change only counted for cash)', () => {
    const f = found([testSaleLine('a', 1, 0)]);
    const lines = chosenRefundLines(f, [1]);
    const cash = refundTicket(f, lines, 333, 'cash', cashier);
    expect(cash).toMatchObject({
      kind: 'refund',
      refundOf: 'sale-1',
      payments: [{ method: 'cash', amountCents: 333, tenderedCents: 333 }],
      cashierId: 'c1',
      cashierName: 'Ana',
      shiftId: 's1',
    });
    expect(cash.lines).toEqual([
      {
        product: { id: 'a', name: 'Producto a', priceCents: 333, taxRateBp: 1600 },
        quantity: 1,
        discountCents: 0,
        discountReason: null,
      },
    ]);
    expect(refundTicket(f, lines, 333, 'card', cashier).payments).toEqual([
      { method: 'card', amountCents: 333, tenderedCents: null },
    ]);
  });
});
