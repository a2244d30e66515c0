import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paymentSchema, saleDocSchema, saleLineSchema } from './sale-doc';
import { fastSaleDoc } from './sale-doc-fast-path';

// Tickets as a POS writes them (mostly within the schema), from the schema itself.
const UUIDS = ['019ad0b5-4c2e-7a10-8f00-3b9c2d1e0a11', '019AD0B5-4C2E-7A10-8F00-3B9C2D1E0A11'];
/** Mostly `good`, now and then one of `bad`: most tickets valid, each check still met. */
const rarely = (good: fc.Arbitrary<unknown>, ...bad: unknown[]): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 60, arbitrary: good }, { weight: 1, arbitrary: fc.constantFrom(...bad) });
const cents = rarely(fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.constantFrom(0, 1e12)), 1e12 + 1, -1, 2.5, '5');
const text = (max: number) =>
  rarely(
    fc.oneof(
      fc.string({ minLength: 1, maxLength: Math.min(max, 12) }),
      fc.constantFrom('x'.repeat(max), '\u00e9\ud83d\ude00', ' '),
    ),
    '',
    'x'.repeat(max + 1),
    7,
  );
const optional = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const line = fc.record(
  {
    productId: text(64),
    name: text(200),
    quantity: rarely(fc.oneof(fc.integer({ min: 1, max: 2000 }), fc.constant(100_000)), 0, 100_001, 1.25),
    unitPriceCents: cents,
    taxRateBp: rarely(fc.constantFrom(0, 800, 1600, 10_000), 10_001, -1),
    discountCents: cents,
    discountReason: fc.option(text(200), { nil: null }),
    lineTotalCents: cents,
    unit: optional(rarely(fc.constantFrom('each', 'kg', 'g', 'l'), 'lb')),
    quantityDecimals: optional(rarely(fc.constantFrom(0, 1, 3), 4, -1)),
    labelPriceCents: optional(fc.option(cents, { nil: null })),
    ticketDiscountCents: optional(cents),
    overriddenFromCents: optional(fc.option(cents, { nil: null })),
    sku: optional(fc.string()),
  },
  {
    noNullPrototype: true,
    requiredKeys: ['productId', 'name', 'quantity', 'unitPriceCents', 'taxRateBp', 'discountCents', 'lineTotalCents'],
  },
);
const payment = fc.record(
  {
    method: rarely(fc.constantFrom('cash', 'card', 'exchange'), 'cheque'),
    amountCents: rarely(fc.oneof(fc.integer({ min: 1, max: 100_000 }), fc.constant(1e12)), 0, 1e12 + 1),
    tenderedCents: fc.option(cents, { nil: null }),
  },
  { noNullPrototype: true },
);
const uuid = rarely(fc.oneof(fc.uuid({ version: 7 }), fc.constantFrom(...UUIDS)), 'not-a-uuid', '');
const instant = rarely(
  fc.oneof(
    fc
      .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString()),
    fc.constantFrom(
      '2026-11-29T10:00:00Z',
      '2026-11-29T10:00:00-06:00',
      '2026-11-29T10:00:00.123456+05:45',
      '2028-02-29T10:00:00Z',
    ),
  ),
  '2026-02-29T10:00:00Z',
  '2026-11-29T10:00Z',
  '2026-11-29 10:00:00Z',
  '2026-11-29T24:00:00Z',
);
const ticket = fc.record(
  {
    id: uuid,
    kind: rarely(fc.constantFrom('sale', 'refund'), 'void'),
    refundOf: fc.option(uuid, { nil: null }),
    branchId: text(64),
    deviceId: text(64),
    deviceSeq: rarely(
      fc.oneof(fc.integer({ min: 1, max: 1e6 }), fc.constant(Number.MAX_SAFE_INTEGER)),
      0,
      2 ** 53,
      3.5,
    ),
    receiptNumber: text(64),
    cashierId: fc.option(text(64), { nil: null }),
    cashierName: text(100),
    shiftId: fc.option(text(64), { nil: null }),
    createdAt: instant,
    currency: rarely(fc.constantFrom('MXN', 'EUR'), 'MX', 'MXNN'),
    lines: rarely(fc.array(line, { minLength: 1, maxLength: 4 }), []),
    totalCents: cents,
    payments: rarely(fc.array(payment, { minLength: 1, maxLength: 3 }), []),
    ticketDiscount: optional(
      fc.option(fc.record({ kind: fc.constant('amount'), basisPoints: fc.constant(null), cents, reason: text(200) }), {
        nil: null,
      }),
    ),
    approvals: optional(
      fc.constantFrom(
        [],
        [{ kind: 'discount', approverId: 'a', approverName: 'A', at: '2026-11-29T10:00:00Z', reason: ' ok ' }],
      ),
    ),
    exchangeWith: optional(fc.option(uuid, { nil: null })),
    _deleted: rarely(fc.boolean(), 'false'),
    extra: optional(fc.jsonValue({ maxDepth: 1 })),
  },
  {
    noNullPrototype: true,
    requiredKeys: [
      'id',
      'kind',
      'refundOf',
      'branchId',
      'deviceId',
      'deviceSeq',
      'receiptNumber',
      'cashierId',
      'cashierName',
      'shiftId',
      'createdAt',
      'currency',
      'lines',
      'totalCents',
      'payments',
      '_deleted',
    ],
  },
);
// Any value at all, now and then in place of the whole ticket, a line or a field.
const oddly = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(undefined, NaN, Infinity, [], {}));
const input = fc.oneof(
  { weight: 8, arbitrary: ticket },
  {
    weight: 2,
    arbitrary: fc
      .tuple(ticket, fc.constantFrom('id', 'lines', 'payments', 'createdAt', 'cashierId'), oddly)
      .map(([t, key, value]) => ({ ...t, [key]: value })),
  },
  { weight: 1, arbitrary: oddly },
);

describe('fastSaleDoc', () => {
  it('gives what zod gives, or leaves the ticket to zod: never another document', () => {
    let answered = 0;
    fc.assert(
      fc.property(input, (value) => {
        const fast = fastSaleDoc(value);
        if (fast === undefined) return;
        answered++;
        const parsed = saleDocSchema.safeParse(value);
        expect(parsed.success).toBe(true);
        // The stored body (and so the content hash of SPEC S2) is this JSON: byte for byte the same.
        expect(JSON.stringify(fast)).toBe(JSON.stringify(parsed.data));
        expect(fast).toStrictEqual(parsed.data);
      }),
      { numRuns: 5000 },
    );
    // The property must have been tested on tickets the fast path takes, not only on refusals.
    expect(answered).toBeGreaterThan(200);
  });

  it('takes every valid ticket without a whole-ticket discount or approvals, as zod would', () => {
    const valid = ticket.map((t) => {
      const { ticketDiscount: _discount, approvals: _approvals, ...rest } = t;
      return rest;
    });
    let checked = 0;
    fc.assert(
      fc.property(valid, (value) => {
        const parsed = saleDocSchema.safeParse(value);
        if (!parsed.success) return;
        checked++;
        expect(fastSaleDoc(value)).toStrictEqual(parsed.data);
      }),
      { numRuns: 5000 },
    );
    expect(checked).toBeGreaterThan(1000);
  });

  it('knows every key of the schema, in its order: a field added to the schema and not here fails', () => {
    const line = {
      productId: 'p1',
      name: 'Pan',
      quantity: 1250,
      unitPriceCents: 320,
      taxRateBp: 800,
      discountCents: 0,
      discountReason: null,
      lineTotalCents: 400,
      unit: 'kg',
      quantityDecimals: 3,
      labelPriceCents: null,
      ticketDiscountCents: 0,
      overriddenFromCents: null,
    };
    const every = {
      id: UUIDS[0],
      kind: 'sale',
      refundOf: null,
      branchId: 'b',
      deviceId: 'd',
      deviceSeq: 1,
      receiptNumber: 'R-1',
      cashierId: null,
      cashierName: 'Ana',
      shiftId: null,
      createdAt: '2026-11-29T10:00:00Z',
      currency: 'USD',
      lines: [line],
      totalCents: 400,
      payments: [{ method: 'cash', amountCents: 400, tenderedCents: 500 }],
      ticketDiscount: null,
      approvals: [],
      exchangeWith: null,
      _deleted: false,
    };
    // The input holds every key the schemas have (else this test is what needs the new field).
    expect(Object.keys(every)).toEqual(Object.keys(saleDocSchema.shape));
    expect(Object.keys(line)).toEqual(Object.keys(saleLineSchema.shape));
    const fast = fastSaleDoc(every);
    expect(fast).toStrictEqual(saleDocSchema.parse(every));
    expect(Object.keys(fast!)).toEqual(Object.keys(saleDocSchema.shape));
    expect(Object.keys(fast!.lines[0]!)).toEqual(Object.keys(saleLineSchema.shape));
    expect(Object.keys(fast!.payments[0]!)).toEqual(Object.keys(paymentSchema.shape));
  });
});
