import type { SaleLine } from '../../../shared/protocol';
import { formatQuantity } from '../../../shared/sale/quantity';

/**
 * How a ticket line's quantity reads: "3 × USD 2,50" by the piece, "1,250 kg × USD 3,20/kg" when
 * weighed (3 decimals for kg, as scales print). Shared by the receipt and the ticket history.
 */
export function soldQuantity(
  l: Pick<SaleLine, 'quantity' | 'unitPriceCents' | 'unit' | 'quantityDecimals'>,
  money: (cents: number) => string,
  locale: string,
): string {
  const unit = l.unit ?? 'each';
  const decimals = l.quantityDecimals ?? 0;
  if (unit === 'each' && decimals === 0) return `${l.quantity} × ${money(l.unitPriceCents)}`;
  return `${formatQuantity(l.quantity, decimals, locale)} ${unit} × ${money(l.unitPriceCents)}/${unit}`;
}
