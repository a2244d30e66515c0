import type { ScaleLabelLayout, ScaleLabelRule } from '../protocol/scale-label-layout';

/** The GS1 check digit of the first 12 digits of an EAN-13 (weights 1, 3, 1, 3, … from the left). */
export function ean13CheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

export type ScaleLabel =
  | {
      kind: 'label';
      /** How the product is found: its barcode with the value zeroed, or its item code alone. */
      productCodes: string[];
      embedded: 'weight' | 'price';
      /** The value as printed, an integer of 10^-decimals units. */
      value: number;
      decimals: number;
    }
  /** An EAN-13 of a scale prefix whose check digit is wrong: a misread, to scan again. */
  | { kind: 'badCheckDigit' };

function ruleFor(layout: ScaleLabelLayout, code: string): ScaleLabelRule | undefined {
  return layout.find((r) => r.prefixes.includes(code.slice(0, 2)));
}

/**
 * Reads a scanned code as an in-store scale label of the branch's layout: null when it is not one
 * (not 13 digits, or a prefix no rule of the layout reads), so it is looked up as any barcode.
 * The product is the one whose barcodes hold the label with its value zeroed (check digit
 * recomputed, the way scales are programmed) or the item code itself (the scale's PLU).
 */
export function decodeScaleLabel(code: string, layout: ScaleLabelLayout): ScaleLabel | null {
  if (!/^\d{13}$/.test(code)) return null;
  const rule = ruleFor(layout, code);
  if (!rule) return null;
  if (ean13CheckDigit(code.slice(0, 12)) !== Number(code[12])) return { kind: 'badCheckDigit' };
  const itemEnd = 2 + rule.itemDigits;
  const item = code.slice(2, itemEnd);
  const zeroed = code.slice(0, itemEnd) + '0'.repeat(rule.valueDigits);
  const base = zeroed + String(ean13CheckDigit(zeroed));
  return {
    kind: 'label',
    productCodes: [base, item, item.replace(/^0+(?=\d)/, '')],
    embedded: rule.embedded,
    value: Number(code.slice(itemEnd, itemEnd + rule.valueDigits)),
    decimals: rule.decimals,
  };
}

/**
 * A label's weight in the product's smallest unit (10^-quantityDecimals of it): a label in kg with
 * 3 decimals for a kg product with 3 decimals is the value itself. Null when the label is more
 * precise than the product (it would have to be rounded, which a sale never does silently).
 */
export function labelQuantity(value: number, labelDecimals: number, productDecimals: number): number | null {
  if (labelDecimals > productDecimals) {
    const factor = 10 ** (labelDecimals - productDecimals);
    return value % factor === 0 ? value / factor : null;
  }
  return value * 10 ** (productDecimals - labelDecimals);
}

/** A label's price in minor units of a currency with `currencyDigits` fraction digits. */
export function labelPriceCents(value: number, labelDecimals: number, currencyDigits: number): number | null {
  return labelQuantity(value, labelDecimals, currencyDigits);
}
