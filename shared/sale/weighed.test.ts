import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALE_LABEL_LAYOUT } from '../protocol/scale-label-layout';
import { lineAmountProblem, lineGrossCents, quantityFromPrice } from './line-amount';
import { formatQuantity, MAX_LINE_QUANTITY, parseQuantityIn } from './quantity';
import { decodeScaleLabel, ean13CheckDigit, labelQuantity } from './scale-label';

describe('lineGrossCents: money rounded once per line, half up (issue 13, sold by weight)', () => {
  it('1,250 kg at 3,20/kg is 4,00; 0,333 kg at 2,99/kg is 1,00 (0,99567 rounded up)', () => {
    expect(lineGrossCents({ unitPriceCents: 320, quantity: 1250, quantityDecimals: 3 })).toBe(400);
    expect(lineGrossCents({ unitPriceCents: 299, quantity: 333, quantityDecimals: 3 })).toBe(100);
    expect(lineGrossCents({ unitPriceCents: 250, quantity: 3 })).toBe(750);
    expect(lineGrossCents({ unitPriceCents: 1, quantity: 5, quantityDecimals: 1 })).toBe(1); // 0,5 → 1
    expect(lineGrossCents({ unitPriceCents: 1, quantity: 4, quantityDecimals: 1 })).toBe(0);
  });

  it('property: the result is the exact amount rounded half up, within half a cent, and monotone in the quantity', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: MAX_LINE_QUANTITY }),
        fc.integer({ min: 0, max: 3 }),
        (unitPriceCents, quantity, quantityDecimals) => {
          const cents = lineGrossCents({ unitPriceCents, quantity, quantityDecimals });
          const exact = (BigInt(unitPriceCents) * BigInt(quantity) * 2n) / 10n ** BigInt(quantityDecimals);
          // 2 × cents is within one of 2 × exact: |cents − exact| ≤ ½.
          const twice = BigInt(unitPriceCents) * BigInt(quantity) * 2n;
          const scale = 10n ** BigInt(quantityDecimals);
          expect(BigInt(cents) * 2n * scale - twice <= scale).toBe(true);
          expect(twice - BigInt(cents) * 2n * scale < scale).toBe(true);
          expect(exact >= 0n).toBe(true);
          if (quantity > 0)
            expect(lineGrossCents({ unitPriceCents, quantity: quantity - 1, quantityDecimals })).toBeLessThanOrEqual(
              cents,
            );
        },
      ),
    );
  });

  it('a price-embedded label fixes the line: its worth is the label price, its quantity the derived one', () => {
    const q = quantityFromPrice(199, 320, 3)!;
    expect(q).toBe(622);
    expect(lineGrossCents({ unitPriceCents: 320, quantity: q, quantityDecimals: 3, labelPriceCents: 199 })).toBe(199);
    expect(lineAmountProblem({ unitPriceCents: 320, quantity: q, quantityDecimals: 3, labelPriceCents: 199 })).toBe(
      null,
    );
    expect(
      lineAmountProblem({ unitPriceCents: 320, quantity: q + 1, quantityDecimals: 3, labelPriceCents: 199 }),
    ).toMatch(/not the 622/);
    expect(quantityFromPrice(100, 0, 3)).toBe(null);
  });

  it('property: a label price and the quantity derived from it round back to within a cent of each other', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 50, max: 100_000 }), (price, unit) => {
        const q = quantityFromPrice(price, unit, 3)!;
        expect(
          Math.abs(lineGrossCents({ unitPriceCents: unit, quantity: q, quantityDecimals: 3 }) - price),
        ).toBeLessThanOrEqual(Math.ceil(unit / 1000));
      }),
    );
  });
});

describe('parseQuantityIn: a typed weight takes the decimal comma and point, never changed', () => {
  it('reads 2,5 and 2.5 as 2,500 kg (2500 g), and whole kilograms', () => {
    expect(parseQuantityIn('2,5', 3)).toEqual({ quantity: 2500 });
    expect(parseQuantityIn('2.5', 3)).toEqual({ quantity: 2500 });
    expect(parseQuantityIn(' 0,125 ', 3)).toEqual({ quantity: 125 });
    expect(parseQuantityIn('3', 3)).toEqual({ quantity: 3000 });
    expect(parseQuantityIn(',75', 3)).toEqual({ quantity: 750 });
    expect(parseQuantityIn('1,2500', 3)).toEqual({ quantity: 1250 });
  });

  it('refuses more decimals than the product has, what is not a number, and an absurd weight', () => {
    expect(parseQuantityIn('0,0005', 3)).toEqual({ problem: 'tooPrecise' });
    expect(parseQuantityIn('1,25', 1)).toEqual({ problem: 'tooPrecise' });
    for (const t of ['abc', '', ',', '1,2,3', '-1', '2 kg'])
      expect(parseQuantityIn(t, 3)).toEqual({ problem: 'notANumber' });
    expect(parseQuantityIn('101', 3)).toEqual({ problem: 'tooLarge' });
    expect(parseQuantityIn('99999999999', 3)).toEqual({ problem: 'tooLarge' });
  });

  it('property: what formatQuantity writes, parseQuantityIn reads back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_LINE_QUANTITY }), fc.integer({ min: 0, max: 3 }), (q, d) => {
        for (const locale of ['es', 'en'])
          expect(parseQuantityIn(formatQuantity(q, d, locale), d)).toEqual({
            quantity: q,
          });
      }),
    );
  });
});

describe('decodeScaleLabel: EAN-13 scale labels of prefixes 20–29', () => {
  const label = (first12: string) => first12 + String(ean13CheckDigit(first12));

  it('reads a weight label: item code, weight, the product’s base barcode', () => {
    const code = label('201234501250'); // item 12345, 1,250 kg
    const decoded = decodeScaleLabel(code, DEFAULT_SCALE_LABEL_LAYOUT);
    expect(decoded).toEqual({
      kind: 'label',
      productCodes: [label('201234500000'), '12345', '12345'],
      embedded: 'weight',
      value: 1250,
      decimals: 3,
    });
  });

  it('reads a price label of prefix 25–29, and leaves other codes to the ordinary lookup', () => {
    expect(decodeScaleLabel(label('260012300199'), DEFAULT_SCALE_LABEL_LAYOUT)).toMatchObject({
      embedded: 'price',
      value: 199,
      decimals: 2,
      productCodes: [label('260012300000'), '00123', '123'],
    });
    expect(decodeScaleLabel('7501000000017', DEFAULT_SCALE_LABEL_LAYOUT)).toBe(null);
    expect(decodeScaleLabel('20123450125', DEFAULT_SCALE_LABEL_LAYOUT)).toBe(null);
    expect(decodeScaleLabel(label('201234501250'), [])).toBe(null);
  });

  it('property: a wrong check digit is a misread, never a line', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^2\d{11}$/), fc.integer({ min: 1, max: 9 }), (first12, off) => {
        const wrong = first12 + String((ean13CheckDigit(first12) + off) % 10);
        expect(decodeScaleLabel(wrong, DEFAULT_SCALE_LABEL_LAYOUT)).toEqual({ kind: 'badCheckDigit' });
        expect(decodeScaleLabel(first12 + String(ean13CheckDigit(first12)), DEFAULT_SCALE_LABEL_LAYOUT)?.kind).toBe(
          'label',
        );
      }),
    );
  });

  it('a label more precise than the product is refused, not rounded', () => {
    expect(labelQuantity(1250, 3, 3)).toBe(1250);
    expect(labelQuantity(1250, 3, 2)).toBe(125);
    expect(labelQuantity(1255, 3, 2)).toBe(null);
    expect(labelQuantity(125, 2, 3)).toBe(1250);
  });
});
