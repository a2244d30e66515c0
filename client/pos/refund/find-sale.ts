import type { PosDatabase, SaleRow } from '../../sync/collections';

/**
 * A ticket by its receipt number, among this device's sales and those of the branch's other
 * tablets pulled into the same collection, with the refunds already made of it here.
 */
export async function findSaleForRefund(
  db: PosDatabase,
  receipt: string,
): Promise<{ sale: SaleRow; refunds: SaleRow[] } | null> {
  const doc = await db.sales.findOne({ selector: { receiptNumber: receipt.trim() } }).exec();
  if (!doc) return null;
  const sale = doc.toJSON() as SaleRow;
  const refunds = (await db.sales.find({ selector: { refundOf: sale.id } }).exec()).map((d) => d.toJSON() as SaleRow);
  return { sale, refunds };
}
