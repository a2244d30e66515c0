/** The most a line may hold, the wire's own limit (sale-doc.ts): a larger number is refused, never lowered. */
export const MAX_LINE_QUANTITY = 100_000;

export type QuantityProblem = 'notANumber' | 'notWhole' | 'tooLarge';

export type ParsedQuantity = { quantity: number } | { problem: QuantityProblem };

/**
 * A quantity as a cashier types it for a product sold by units: digits only. "2,5" and "2.5" are
 * read as the decimal they are and refused as not whole (never read as 25), anything else that is
 * not a number is refused, and so is more than MAX_LINE_QUANTITY. 0 is a quantity: it removes the line.
 */
export function parseQuantity(text: string): ParsedQuantity {
  const t = text.trim();
  if (/^\d+$/.test(t)) {
    const quantity = Number(t);
    return quantity > MAX_LINE_QUANTITY ? { problem: 'tooLarge' } : { quantity };
  }
  if (/^\d*[.,]\d+$|^\d+[.,]$/.test(t)) return { problem: 'notWhole' };
  return { problem: 'notANumber' };
}
