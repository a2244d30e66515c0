import type { ScaleLabelLayout } from '../../../shared/protocol';
import { quantityFromPrice } from '../../../shared/sale/line-amount';
import { MAX_LINE_QUANTITY } from '../../../shared/sale/quantity';
import { decodeScaleLabel, labelPriceCents, labelQuantity } from '../../../shared/sale/scale-label';
import type { ProductRow } from '../../sync/collections';

export type ScannedProduct = Pick<
  ProductRow,
  'id' | 'sku' | 'name' | 'priceCents' | 'taxRateBp' | 'unit' | 'quantityDecimals'
>;

/** What a scanned code puts in the cart, or why it puts nothing. */
export type ScanResult =
  | { kind: 'product'; product: ScannedProduct }
  | { kind: 'weighed'; product: ScannedProduct; quantity: number; labelPriceCents: number | null }
  | { kind: 'unknown' }
  | { kind: 'unknownLabel'; itemCode: string }
  | { kind: 'misread' }
  | { kind: 'labelNotUsable'; product: ScannedProduct };

interface Lookup {
  byBarcodeOrSku(code: string): ScannedProduct | undefined;
}

/**
 * A scanned code: an ordinary barcode or SKU first (a product may own a code in the scale range),
 * then a scale label of the branch's layout. A weight label gives the weight in the product's
 * unit (scales print kilograms; a product sold in grams gets them ×1000); a price label fixes the
 * line's worth and derives the quantity (shared/sale/line-amount.ts). Nothing is rounded silently:
 * a label more precise than the product, or one that gives no quantity, is refused.
 */
export function resolveScan(code: string, index: Lookup, layout: ScaleLabelLayout, currencyDigits: number): ScanResult {
  const direct = index.byBarcodeOrSku(code);
  if (direct) return { kind: 'product', product: direct };
  const label = decodeScaleLabel(code.trim(), layout);
  if (!label) return { kind: 'unknown' };
  if (label.kind === 'badCheckDigit') return { kind: 'misread' };
  const product = label.productCodes.map((c) => index.byBarcodeOrSku(c)).find((p) => p !== undefined);
  if (!product) return { kind: 'unknownLabel', itemCode: label.productCodes[1]! };
  const decimals = product.quantityDecimals ?? 0;
  let quantity: number | null;
  let price: number | null = null;
  if (label.embedded === 'weight') {
    if ((product.unit ?? 'each') === 'each') return { kind: 'labelNotUsable', product };
    quantity = labelQuantity(label.value, label.decimals - (product.unit === 'g' ? 3 : 0), decimals);
  } else {
    price = labelPriceCents(label.value, label.decimals, currencyDigits);
    quantity = price === null ? null : quantityFromPrice(price, product.priceCents, decimals);
  }
  if (quantity === null || quantity <= 0 || quantity > MAX_LINE_QUANTITY) return { kind: 'labelNotUsable', product };
  return { kind: 'weighed', product, quantity, labelPriceCents: price };
}
