import type { PosDatabase } from '../../sync/collections';

/** A ticket of this tablet that the central office refused: its number and the code it gave. */
export interface RefusedSale {
  id: string;
  receiptNumber: string;
  code: string;
}

/** This tablet's refused tickets, oldest number first. */
export async function refusedSales(db: PosDatabase): Promise<RefusedSale[]> {
  const acks = await db.acks.find({ selector: { rejectedCode: { $ne: null } } }).exec();
  const sales = await db.sales.findByIds(acks.map((a) => a.id)).exec();
  return acks
    .flatMap((a) => {
      const sale = sales.get(a.id);
      return sale ? [{ id: a.id, receiptNumber: sale.receiptNumber, code: a.rejectedCode ?? '' }] : [];
    })
    .sort((a, b) => a.receiptNumber.localeCompare(b.receiptNumber));
}

/** The refusal of one ticket, or null when the central office has not refused it. */
export async function refusalOf(db: PosDatabase, saleId: string): Promise<string | null> {
  return (await db.acks.findOne(saleId).exec())?.rejectedCode ?? null;
}
