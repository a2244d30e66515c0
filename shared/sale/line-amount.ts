import type { Cents } from '../money';

/**
 * What a line of a ticket is worth before discounts, the one rule the POS cart and the server's
 * ingest share. A quantity is an integer of the product's smallest unit (10^-quantityDecimals of
 * it: grams of a kg product with 3 decimals), the price is per whole unit, and money is rounded
 * once per line, half up to the cent: price × quantity / 10^decimals. A product sold by the piece
 * (0 decimals) is price × quantity exactly.
 *
 * A scale label that carries the price (prefixes 25–29 by default) fixes the line's worth: the line
 * holds `labelPriceCents`, which is its worth, and its quantity is derived from it
 * (quantityFromPrice); the server checks that the quantity is the one the rule derives.
 */
export interface PricedQuantity {
  unitPriceCents: Cents;
  quantity: number;
  /** 0 when absent: a line of a ticket made before products had decimals. */
  quantityDecimals?: number;
  /** The price printed on a price-embedded scale label; absent or null otherwise. */
  labelPriceCents?: Cents | null;
}

/** round(n / d) half up, for n ≥ 0 and d > 0, exact for any safe integers. */
function divideHalfUp(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d);
}

/** The line's worth before discounts, in cents. */
export function lineGrossCents(line: PricedQuantity): Cents {
  if (line.labelPriceCents !== undefined && line.labelPriceCents !== null) return line.labelPriceCents;
  const decimals = line.quantityDecimals ?? 0;
  if (!Number.isSafeInteger(line.unitPriceCents) || !Number.isInteger(line.quantity))
    throw new RangeError(`lineGrossCents needs integers, got ${line.unitPriceCents} × ${line.quantity}`);
  if (decimals === 0) return line.unitPriceCents * line.quantity;
  return Number(divideHalfUp(BigInt(line.unitPriceCents) * BigInt(line.quantity), 10n ** BigInt(decimals)));
}

/**
 * The quantity a price-embedded label stands for: price ÷ unit price, in the smallest unit of the
 * product, rounded half up (1,99 of apples at 3,20/kg with 3 decimals: 622 g). Null when the unit
 * price is 0 (a free product has no weight to derive).
 */
export function quantityFromPrice(priceCents: Cents, unitPriceCents: Cents, quantityDecimals: number): number | null {
  if (unitPriceCents <= 0) return null;
  return Number(divideHalfUp(BigInt(priceCents) * 10n ** BigInt(quantityDecimals), BigInt(unitPriceCents)));
}

/**
 * Why a line's amounts break the rule, or null. The server refuses such a ticket (ingest), the POS
 * never builds one.
 */
export function lineAmountProblem(line: PricedQuantity): string | null {
  if (line.labelPriceCents === undefined || line.labelPriceCents === null) return null;
  const q = quantityFromPrice(line.labelPriceCents, line.unitPriceCents, line.quantityDecimals ?? 0);
  return q === line.quantity
    ? null
    : `quantity ${line.quantity} is not the ${q ?? 'no'} units a label price of ${line.labelPriceCents} stands for at ${line.unitPriceCents} per unit`;
}
