import type { ProductUnit } from '../protocol/product-doc';

/** How a quantity is counted: a unit and how many decimals of it the integer holds. */
export interface Counted {
  unit: ProductUnit;
  quantityDecimals: number;
}

/** Exponent of a unit in its dimension's smallest base: a kilogram is 10^3 grams. */
const SCALE: Record<ProductUnit, { dimension: string; exponent: number }> = {
  each: { dimension: 'piece', exponent: 0 },
  kg: { dimension: 'mass', exponent: 3 },
  g: { dimension: 'mass', exponent: 0 },
  l: { dimension: 'volume', exponent: 0 },
};

/** A line's unit, absent on tickets from before weighed products: by the piece. */
export function countedOf(line: { unit?: ProductUnit; quantityDecimals?: number }): Counted {
  return { unit: line.unit ?? 'each', quantityDecimals: line.quantityDecimals ?? 0 };
}

export function sameCounting(a: Counted, b: Counted): boolean {
  return a.unit === b.unit && a.quantityDecimals === b.quantityDecimals;
}

/**
 * A quantity counted as `from` in the smallest unit of `to` (1250 of kg with 3 decimals is 1250 of
 * g with 0, 125 of kg with 2 is 1250 of kg with 3), rounded half up when `to` is coarser. Null when
 * the two do not measure the same thing (pieces and kilograms): no amount of stock follows from it.
 */
export function convertQuantity(quantity: number, from: Counted, to: Counted): number | null {
  const a = SCALE[from.unit];
  const b = SCALE[to.unit];
  if (a.dimension !== b.dimension) return null;
  const shift = a.exponent - from.quantityDecimals - (b.exponent - to.quantityDecimals);
  if (shift >= 0) return quantity * 10 ** shift;
  const d = 10 ** -shift;
  return Math.floor((2 * quantity + d) / (2 * d));
}
