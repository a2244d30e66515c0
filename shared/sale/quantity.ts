/** The most a line may hold, the wire's own limit (sale-doc.ts): a larger number is refused, never lowered. */
export const MAX_LINE_QUANTITY = 100_000;

/** The most one line of a receipt or a transfer may move (shared/console/stock.ts, ledger-api.ts): 1e9. */
export const MAX_STOCK_QUANTITY = 1_000_000_000;

export type QuantityProblem = 'notANumber' | 'notWhole' | 'tooLarge' | 'tooPrecise';

export type ParsedQuantity = { quantity: number } | { problem: QuantityProblem };

/**
 * A quantity as a cashier types it for a product sold by units: digits only. "2,5" and "2.5" are
 * read as the decimal they are and refused as not whole (never read as 25), anything else that is
 * not a number is refused, and so is more than `max` (a sale line's MAX_LINE_QUANTITY unless said).
 * 0 is a quantity: it removes the line.
 */
export function parseQuantity(text: string, max = MAX_LINE_QUANTITY): ParsedQuantity {
  const t = text.trim();
  if (/^\d+$/.test(t)) {
    const quantity = Number(t);
    return quantity > max ? { problem: 'tooLarge' } : { quantity };
  }
  if (/^\d*[.,]\d+$|^\d+[.,]$/.test(t)) return { problem: 'notWhole' };
  return { problem: 'notANumber' };
}

/**
 * A quantity typed for a product sold with `decimals` decimals (a weight in kg with 3): the decimal
 * comma and the point both separate the decimals ("2,5" and "2.5" are 2,500 kg), the result is an
 * integer of the smallest unit (2500 g). More decimals than the product has are refused, never
 * rounded; so is more than `max` of the smallest unit (a sale line's MAX_LINE_QUANTITY unless said:
 * stock received or moved may be larger), and what is not a number.
 */
export function parseQuantityIn(text: string, decimals: number, max = MAX_LINE_QUANTITY): ParsedQuantity {
  if (decimals === 0) return parseQuantity(text, max);
  const m = /^(\d*)(?:[.,](\d*))?$/.exec(text.trim());
  if (!m || (m[1] === '' && !m[2])) return { problem: 'notANumber' };
  const fraction = m[2] ?? '';
  if (fraction.replace(/0+$/, '').length > decimals) return { problem: 'tooPrecise' };
  const whole = m[1] || '0';
  if (whole.length > 9) return { problem: 'tooLarge' };
  const quantity = Number(whole) * 10 ** decimals + Number(fraction.slice(0, decimals).padEnd(decimals, '0'));
  return quantity > max ? { problem: 'tooLarge' } : { quantity };
}

/** A quantity of the smallest unit as a person reads it, in the product's unit: 1250 with 3 decimals is "1,250". */
export function formatQuantity(quantity: number, decimals: number, locale: string): string {
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: false,
  }).format(quantity / 10 ** decimals);
}

/**
 * A product's quantity as every screen shows it: "1,250 kg" for 1250 of a kg product with 3
 * decimals (in the locale's decimal separator), the bare number for a product sold by the piece.
 * `unit` and `decimals` are the product's (or the line's); absent: by the piece.
 */
export function formatProductQuantity(
  quantity: number,
  counted: { unit?: string | null; quantityDecimals?: number | null },
  locale: string,
): string {
  const unit = counted.unit ?? 'each';
  const text = formatQuantity(quantity, counted.quantityDecimals ?? 0, locale);
  return unit === 'each' ? text : `${text} ${unit}`;
}
