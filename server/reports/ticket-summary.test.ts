import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { saleDocSchema, type Payment, type SaleDoc } from '../../shared/protocol';
import { shiftReport } from '../../shared/sale/shift-report';
import { lineArticles, soldByMeasure } from './category-summary';
import { arbitraryFor, type JsonSchema } from '../test/fuzz/json-schema-arbitrary';
import { paymentsOf, ticketSummary } from './summary-writer';

/** A stored ticket row as the summary writer reads it. */
function saleRow(kind: 'sale' | 'refund', payments: Payment[] = []) {
  return {
    id: 's',
    kind,
    branch_id: 'b',
    device_id: 'd',
    cashier_id: null,
    cashier_name: 'Ana',
    shift_id: null,
    device_created_at: '2026-11-28T12:00:00.000Z',
    received_at: '2026-11-28T12:00:01.000Z',
    body: JSON.stringify({ payments }),
    seq: 1,
  };
}

function ticket(kind: 'sale' | 'refund', payments: Payment[]) {
  return ticketSummary(
    saleRow(kind, payments),
    [
      {
        sale_id: 's',
        product_id: 'p',
        quantity: 1,
        unit_price_cents: 890,
        tax_rate_bp: 0,
        discount_cents: 0,
        line_total_cents: 890,
      },
    ],
    'UTC',
  );
}

const carried = (amountCents: number): Payment => ({ method: 'exchange', amountCents, tenderedCents: null });

describe('[S14] report rules for an exchange', () => {
  it('a ticket of an exchange has the tender "exchange"; its cash and card figures are the money that moved', () => {
    const sale = ticket('sale', [carried(360), { method: 'cash', amountCents: 530, tenderedCents: 1000 }]);
    expect(sale).toMatchObject({ tender: 'exchange', cash_cents: 530, card_cents: 0, total_cents: 890 });
    const even = ticket('refund', [carried(890)]);
    expect(even).toMatchObject({ tender: 'exchange', cash_cents: 0, card_cents: 0, total_cents: 890 });
    // Other tickets keep their tenders.
    expect(ticket('sale', [{ method: 'card', amountCents: 890, tenderedCents: null }]).tender).toBe('card');
    expect(
      ticket('sale', [
        { method: 'card', amountCents: 390, tenderedCents: null },
        { method: 'cash', amountCents: 500, tenderedCents: 500 },
      ]).tender,
    ).toBe('mixed');
  });

  it("the shift's expected cash counts only cash: the credit carried between an exchange's tickets is not in the till", () => {
    const report = shiftReport(
      'shift',
      [{ kind: 'open', amountCents: 1000, at: '2026-11-28T08:00:00Z', cashierName: 'Ana' }],
      [
        { kind: 'sale', payments: [carried(360), { method: 'cash', amountCents: 530, tenderedCents: 1000 }] },
        { kind: 'refund', payments: [carried(360)] },
        { kind: 'sale', payments: [carried(100)] },
        { kind: 'refund', payments: [carried(100), { method: 'cash', amountCents: 260, tenderedCents: 260 }] },
      ],
    );
    expect(report.expectedCashCents).toBe(1000 + 530 - 260);
    expect([report.cashSalesCents, report.cashRefundsCents, report.cardSalesCents]).toEqual([530, 260, 0]);
  });
});

describe('units of a ticket are articles', () => {
  const line = (product_id: string, quantity: number, line_total_cents: number) => ({
    sale_id: 's',
    product_id,
    quantity,
    unit_price_cents: 320,
    tax_rate_bp: 0,
    discount_cents: 0,
    line_total_cents,
  });
  const sale = saleRow('sale');

  it('3 pieces and 1,250 kg of apples are 4 articles, not 1253', () => {
    const lines = [line('bread', 3, 960), line('apples', 1250, 400)];
    expect(ticketSummary(sale, lines, 'UTC', new Set(['apples'])).units).toBe(4);
    // A product the reads do not know counts by the piece, as before.
    expect(ticketSummary(sale, lines, 'UTC').units).toBe(1253);
  });

  it('lineArticles: a line sold by measure is one article whatever its weight; pieces count themselves', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.constantFrom('each', 'kg', 'g', 'l'),
        fc.integer({ min: 0, max: 3 }),
        (quantity, unit, quantityDecimals) => {
          const byMeasure = soldByMeasure({ unit, quantityDecimals });
          expect(byMeasure).toBe(unit !== 'each' || quantityDecimals > 0);
          expect(lineArticles(quantity, byMeasure)).toBe(byMeasure ? 1 : quantity);
        },
      ),
    );
    // Whole grams (g with 0 decimals) are still weighed: one article, not 500.
    expect(lineArticles(500, soldByMeasure({ unit: 'g', quantityDecimals: 0 }))).toBe(1);
  });
});

describe('a ticket’s tenders read from its stored body', () => {
  const stored = arbitraryFor(z.toJSONSchema(saleDocSchema) as JsonSchema);
  // Text that looks like the key or ends the array, in any field a person types.
  const tricky = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.constantFrom('"payments":[', '\\"payments\\":[{"method":"card"}]', ']', '"]', '\\', 'x\\'),
  );

  it('paymentsOf gives what parsing the whole body gives, for any validated ticket', () => {
    fc.assert(
      fc.property(stored, tricky, tricky, (doc, name, reason) => {
        const d = doc as SaleDoc;
        const parsed = saleDocSchema.safeParse({
          ...d,
          cashierName: name,
          lines: Array.isArray(d.lines) ? d.lines.map((l) => ({ ...l, name: `${name}${reason}` })) : d.lines,
          ticketDiscount: d.ticketDiscount ? { ...d.ticketDiscount, reason } : d.ticketDiscount,
        });
        if (!parsed.success) return;
        const body = JSON.stringify(parsed.data);
        expect(paymentsOf(body)).toEqual((JSON.parse(body) as SaleDoc).payments);
      }),
      { numRuns: 2000 },
    );
  });

  it('a body of another shape is read whole', () => {
    expect(paymentsOf('{"payments":[[1]]}')).toEqual([[1]]);
    expect(paymentsOf('{"sku":"A1","quantity":2}')).toEqual([]);
    expect(ticket('sale', []).tender).toBe('cash');
  });
});
