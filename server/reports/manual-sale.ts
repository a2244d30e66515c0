import { v7 as uuidv7 } from 'uuid';
import type { ManualSaleRequest, ManualSaleResponse } from '../../shared/console/reports-sales';
import type { SaleDoc } from '../../shared/protocol';
import { lineGrossCents } from '../../shared/sale/line-amount';
import { receiptNumber } from '../../shared/sale/receipt-number';
import type { DeviceIdentity } from '../auth/device-identity';
import type { ManagerIdentity } from '../auth/manager-session';
import { assertCanManageBranch } from '../auth/manager-session';
import type { Db } from '../db/database';
import { ApiError } from '../http/api-error';
import { ingestSales } from '../ledger/ingest-sales';

/** Clocks differ a little; a sale "now" from a browser a minute ahead is still now. */
const FUTURE_TOLERANCE_MS = 120_000;

/**
 * The console's pseudo-device of a branch for manual sales: numbered like a tablet so its sales
 * get receipt numbers of their own, revoked from birth and with a token hash no token can match,
 * so it can never sign in and no figure waits for it.
 */
async function manualDevice(db: Db, branchId: string, now: string): Promise<DeviceIdentity> {
  const id = `manual-${branchId}`;
  const branch = await db
    .selectFrom('branches')
    .select(['id', 'location_id', 'receipt_prefix'])
    .where('id', '=', branchId)
    .executeTakeFirst();
  if (!branch) throw new ApiError('NOT_FOUND', `There is no branch ${branchId}; pick one from the list.`);
  let device = await db.selectFrom('devices').select(['id', 'number']).where('id', '=', id).executeTakeFirst();
  if (!device) {
    await db.transaction().execute(async (trx) => {
      // Lock the branch row before numbering, as pairing does, so a tablet pairing at once cannot take the same number.
      await trx
        .updateTable('branches')
        .set((eb) => ({ name: eb.ref('name') }))
        .where('id', '=', branchId)
        .execute();
      const last = await trx
        .selectFrom('devices')
        .select((eb) => eb.fn.max('number').as('n'))
        .where('branch_id', '=', branchId)
        .executeTakeFirst();
      await trx
        .insertInto('devices')
        .values({
          id,
          branch_id: branchId,
          number: Number(last?.n ?? 0) + 1,
          name: 'Consola: ventas manuales',
          token_hash: `manual-sales:${branchId}`,
          created_at: now,
          revoked_at: now,
          last_seen_at: null,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    });
    device = await db.selectFrom('devices').select(['id', 'number']).where('id', '=', id).executeTakeFirstOrThrow();
  }
  return {
    deviceId: device.id,
    deviceNumber: Number(device.number),
    branchId,
    locationId: branch.location_id,
    receiptPrefix: branch.receipt_prefix,
  };
}

/**
 * The seed's manual sale form: a sale of one product, recorded as a SaleDoc through the same
 * ingest as a tablet's (ledger movement, oversell and price-mismatch checks, summaries).
 */
export async function recordManualSale(
  db: Db,
  manager: ManagerIdentity,
  r: ManualSaleRequest,
  now = new Date(),
): Promise<ManualSaleResponse & { locationId: string }> {
  assertCanManageBranch(manager, r.branchId);
  if (Date.parse(r.at) > now.getTime() + FUTURE_TOLERANCE_MS)
    throw new ApiError('BAD_REQUEST', 'The sale time is in the future; give the time the sale happened.');
  const product = await db
    .selectFrom('products')
    .select(['id', 'name', 'tax_rate_bp', 'deleted', 'unit', 'quantity_decimals'])
    .where('id', '=', r.productId)
    .executeTakeFirst();
  if (!product || Number(product.deleted) === 1)
    throw new ApiError('NOT_FOUND', `There is no product ${r.productId} in the catalogue; pick one from the list.`);
  const branch = await db.selectFrom('branches').select('currency').where('id', '=', r.branchId).executeTakeFirst();
  if (!branch) throw new ApiError('NOT_FOUND', `There is no branch ${r.branchId}; pick one from the list.`);
  const device = await manualDevice(db, r.branchId, now.toISOString());
  // A weighed product's quantity is in its smallest unit (grams) and its price per kg: the line rule a tablet's cart uses.
  const quantityDecimals = Number(product.quantity_decimals);
  const total = lineGrossCents({ unitPriceCents: r.unitPriceCents, quantity: r.quantity, quantityDecimals });
  // Two managers at once may take the same number: the loser's sale is refused as a duplicate receipt and numbered again.
  for (let attempt = 0; attempt < 5; attempt++) {
    const last = await db
      .selectFrom('sales')
      .select((eb) => eb.fn.max('device_seq').as('n'))
      .where('device_id', '=', device.deviceId)
      .executeTakeFirst();
    const deviceSeq = Number(last?.n ?? 0) + 1;
    const sale: SaleDoc = {
      id: uuidv7(),
      kind: 'sale',
      refundOf: null,
      branchId: r.branchId,
      deviceId: device.deviceId,
      deviceSeq,
      receiptNumber: receiptNumber(device.receiptPrefix, device.deviceNumber, deviceSeq),
      cashierId: null,
      cashierName: manager.name.slice(0, 100),
      shiftId: null,
      createdAt: new Date(r.at).toISOString(),
      currency: branch.currency,
      lines: [
        {
          productId: product.id,
          name: product.name,
          quantity: r.quantity,
          unitPriceCents: r.unitPriceCents,
          taxRateBp: Number(product.tax_rate_bp),
          discountCents: 0,
          discountReason: null,
          lineTotalCents: total,
          unit: product.unit,
          quantityDecimals,
        },
      ],
      totalCents: total,
      payments: [{ method: r.tender, amountCents: total, tenderedCents: r.tender === 'cash' ? total : null }],
      _deleted: false,
    };
    const result = await ingestSales(db, device, [{ newDocumentState: sale }], now.toISOString());
    const ack = result.acks[0];
    if (ack)
      return {
        saleId: sale.id,
        receiptNumber: sale.receiptNumber,
        appliedSeq: ack.appliedSeq,
        reconciliationOpened: result.reconciliationChanged,
        locationId: device.locationId,
      };
    const refusal = result.rejected[0];
    if (refusal?.code === 'CONFLICT') continue;
    throw new ApiError(
      refusal?.status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST',
      refusal?.message ?? 'The sale was not recorded.',
    );
  }
  throw new ApiError('CONFLICT', 'Other sales were being recorded at the same moment; send the form again.');
}
