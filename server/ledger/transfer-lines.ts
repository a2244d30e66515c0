/** A transfer's lines as stored in transfers.lines and transfer_receipts.lines (JSON text). */
export interface TransferLine {
  productId: string;
  quantity: number;
}

export function parseTransferLines(text: string): TransferLine[] {
  return JSON.parse(text) as TransferLine[];
}

/** Quantity per product (a product may appear on several lines). */
export function quantitiesByProduct(lines: readonly TransferLine[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const l of lines) totals.set(l.productId, (totals.get(l.productId) ?? 0) + l.quantity);
  return totals;
}

export interface TransferDifference {
  productId: string;
  sent: number;
  received: number;
  /** received − sent: negative when short. */
  difference: number;
}

/** Every product whose received quantity differs from what was sent (missing on either side counts as 0). */
export function transferDifferences(
  sent: readonly TransferLine[],
  received: readonly TransferLine[],
): TransferDifference[] {
  const s = quantitiesByProduct(sent);
  const r = quantitiesByProduct(received);
  const products = [...new Set([...s.keys(), ...r.keys()])];
  return products
    .map((productId) => ({ productId, sent: s.get(productId) ?? 0, received: r.get(productId) ?? 0 }))
    .filter((d) => d.sent !== d.received)
    .map((d) => ({ ...d, difference: d.received - d.sent }));
}
