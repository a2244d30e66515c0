import type { SaleDoc, SaleLine } from '../protocol/sale-doc';
import { divideRoundHalfUp } from './cart-math';
import { lineGrossCents } from './line-amount';

type SaleLike = Pick<SaleDoc, 'id' | 'kind' | 'refundOf' | 'lines'>;

/**
 * Units of each line of `sale` still refundable, after the refunds already made of it
 * (refunds name the sale in refundOf). Lines are matched by product; an earlier refund's units
 * are taken from the sale's lines of that product in order.
 */
export function refundableUnits(sale: SaleLike, earlier: readonly SaleLike[]): number[] {
  const returned = new Map<string, number>();
  for (const r of earlier) {
    if (r.kind !== 'refund' || r.refundOf !== sale.id) continue;
    for (const l of r.lines) returned.set(l.productId, (returned.get(l.productId) ?? 0) + l.quantity);
  }
  return sale.lines.map((l) => {
    const back = returned.get(l.productId) ?? 0;
    const take = Math.min(back, l.quantity);
    returned.set(l.productId, back - take);
    return l.quantity - take;
  });
}

/** Share of a line's discount carried by its first `units` units (rounded half up). */
function discountShare(line: SaleLine, units: number): number {
  if (line.discountCents === 0 || units === 0) return 0;
  return Number(divideRoundHalfUp(BigInt(line.discountCents) * BigInt(units), BigInt(line.quantity)));
}

/**
 * The refund line giving back `units` units of `line`, at the price they were sold for: the
 * discount follows the units, worked out cumulatively so that refunding a line in several goes
 * gives back exactly what was paid for it.
 */
export function refundLine(line: SaleLine, alreadyRefunded: number, units: number): SaleLine {
  const discountCents = discountShare(line, alreadyRefunded + units) - discountShare(line, alreadyRefunded);
  // A label's price is the worth of all its units; part of them are worth what the rule makes of them.
  const weighed = {
    unitPriceCents: line.unitPriceCents,
    quantity: units,
    quantityDecimals: line.quantityDecimals ?? 0,
    labelPriceCents: units === line.quantity ? (line.labelPriceCents ?? null) : null,
  };
  return {
    productId: line.productId,
    name: line.name,
    quantity: units,
    unitPriceCents: line.unitPriceCents,
    taxRateBp: line.taxRateBp,
    discountCents,
    discountReason: discountCents > 0 ? (line.discountReason ?? 'discount as sold') : null,
    lineTotalCents: lineGrossCents(weighed) - discountCents,
    ...(line.unit ? { unit: line.unit, quantityDecimals: line.quantityDecimals ?? 0 } : {}),
    ...(weighed.labelPriceCents !== null ? { labelPriceCents: weighed.labelPriceCents } : {}),
  };
}
