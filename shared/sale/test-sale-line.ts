import type { SaleLine } from '../protocol/sale-doc';

/**
 * For tests: a sold line of `quantity` units at 3,33 with 16 % tax, less `discountCents` (a price whose shares and
 * refunds do not divide evenly). Used by the refund tests of shared/ and of the POS.
 */
export const testSaleLine = (productId: string, quantity: number, discountCents: number): SaleLine => ({
  productId,
  name: `Producto ${productId}`,
  quantity,
  unitPriceCents: 333,
  taxRateBp: 1600,
  discountCents,
  discountReason: discountCents ? 'promo' : null,
  lineTotalCents: 333 * quantity - discountCents,
});
