import type { PriceRollout } from '../../shared/console/catalogue';
import { deviceStatusReportSchema } from '../../shared/protocol';
import type { Db } from '../db/database';
import { priceChange } from './price-schedule';

/**
 * Where a price change stands: which tablets have the product at its new sequence (from the
 * catalogue seq in their status reports) and which sales were made after it took effect at another
 * price (the price-mismatch items the ledger opened, DESIGN invariant 7). A branch manager sees
 * their branches' devices and sales only.
 */
export async function priceRollout(
  db: Db,
  productId: string,
  changeId: string,
  branchIds: string[] | 'all',
): Promise<PriceRollout> {
  const change = await priceChange(db, productId, changeId);
  if (branchIds !== 'all' && branchIds.length === 0) return { change, devices: [], salesAtOldPrice: [] };
  let devices = db
    .selectFrom('devices')
    .leftJoin('device_status', 'device_status.device_id', 'devices.id')
    .select(['devices.id', 'devices.name', 'devices.branch_id', 'device_status.report', 'device_status.received_at'])
    .where('devices.revoked_at', 'is', null)
    .orderBy('devices.branch_id')
    .orderBy('devices.number');
  if (branchIds !== 'all') devices = devices.where('devices.branch_id', 'in', branchIds);
  let items = db
    .selectFrom('reconciliation_items')
    .select(['id', 'sale_id', 'branch_id', 'details'])
    .where('product_id', '=', productId)
    .where('kind', '=', 'price_mismatch')
    .orderBy('seq');
  if (branchIds !== 'all') items = items.where('branch_id', 'in', branchIds);
  return {
    change,
    devices: (await devices.execute()).map((d) => {
      const report = d.report ? deviceStatusReportSchema.safeParse(JSON.parse(d.report)) : null;
      const catalogueSeq = report?.success ? (report.data.catalogueSeq ?? null) : null;
      return {
        deviceId: d.id,
        name: d.name,
        branchId: d.branch_id,
        catalogueSeq,
        hasNewPrice: catalogueSeq === null || change.appliedSeq === null ? null : catalogueSeq >= change.appliedSeq,
        reportedAt: d.received_at,
      };
    }),
    salesAtOldPrice: (await items.execute()).flatMap((i) => {
      const d = JSON.parse(i.details) as Record<string, unknown>;
      const saleTime = typeof d.saleTime === 'string' ? d.saleTime : null;
      if (!saleTime || saleTime < change.effectiveAt || d.chargedUnitCents === change.priceCents) return [];
      const num = (v: unknown) => (typeof v === 'number' ? v : null);
      return [
        {
          itemId: i.id,
          saleId: i.sale_id,
          branchId: i.branch_id,
          receiptNumber: typeof d.receiptNumber === 'string' ? d.receiptNumber : null,
          quantity: num(d.quantity),
          chargedUnitCents: num(d.chargedUnitCents),
          saleTime,
        },
      ];
    }),
  };
}
