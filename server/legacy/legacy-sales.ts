import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { SaleDoc } from '../../shared/protocol';
import { receiptNumber } from '../../shared/sale/receipt-number';
import type { Db } from '../db/database';
import { CatalogueReads } from '../ledger/master-price';
import { SequenceAllocator } from '../ledger/server-sequence';
import { applyMovement } from '../ledger/stock-movements';
import { openItem, recordOversell } from '../reconciliation/open-items';
import type { LegacyKeyIdentity } from './legacy-keys';
import { summarizeSaleDoc } from '../reports/summary-writer';

/** The seed's SaleNotification, validated: quantities and money already integers. */
export interface SaleNotification {
  branchId: string;
  productLegacyId: number;
  quantity: number;
  /** The timestamp as the prototype sent it: part of the dedup key. */
  timestampText: string;
  timestamp: Date;
  salePriceCents: number;
}

export interface LegacyAnswer {
  status: number;
  body: unknown;
}

export interface SaleNotificationResult {
  answer: LegacyAnswer;
  /** Set when this call applied a sale (not for a retry or a refusal). */
  applied: { seq: number; locationId: string; reconciliationChanged: boolean } | null;
}

/**
 * The seed's POST /sale-notification as a sale in our ledger: kind 'sale' for the key's branch,
 * one line, a sale movement at the branch's location, a receipt number from the key's own
 * sequence. The prototype retries without an id, so (branch, timestamp, product) identifies a
 * notification: a retry gets the first answer again and changes nothing (invariant 2).
 * `sale_price` is the total charged; a total that differs from master price × quantity opens a
 * price_mismatch item, and a level below zero an oversell item (invariant 7).
 */
export async function recordSaleNotification(
  db: Db,
  key: LegacyKeyIdentity,
  n: SaleNotification,
  now = new Date().toISOString(),
): Promise<SaleNotificationResult> {
  if (n.branchId !== key.branchId) {
    // Invariant 8: the key's branch is the only one it may report for.
    return {
      answer: {
        status: 403,
        body: {
          detail: `Esta clave es de la sucursal ${key.branchId}; la notificación dice ${n.branchId}. Use la URL de la clave de esa sucursal.`,
        },
      },
      applied: null,
    };
  }
  return db.transaction().execute(async (trx) => {
    const seq = await SequenceAllocator.lock(trx);
    const earlier = await trx
      .selectFrom('legacy_notifications')
      .select('response')
      .where('branch_id', '=', key.branchId)
      .where('sale_timestamp', '=', n.timestampText)
      .where('product_legacy_id', '=', n.productLegacyId)
      .executeTakeFirst();
    if (earlier) return { answer: { status: 200, body: JSON.parse(earlier.response) as unknown }, applied: null };

    const product = await trx
      .selectFrom('products')
      .select(['id', 'name', 'tax_rate_bp'])
      .where('legacy_id', '=', n.productLegacyId)
      .where('deleted', '=', 0)
      .executeTakeFirst();
    if (!product) return { answer: { status: 404, body: { detail: 'Producto no encontrado' } }, applied: null };

    const numbered = await trx
      .updateTable('legacy_keys')
      .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
      .where('id', '=', key.keyId)
      .returning('last_seq')
      .executeTakeFirstOrThrow();
    const deviceSeq = Number(numbered.last_seq);
    const receipt = receiptNumber(key.receiptPrefix, key.deviceNumber, deviceSeq);
    const sale = legacySaleDoc(key, n, product, deviceSeq, receipt);
    const body = JSON.stringify(sale);
    const appliedSeq = seq.next();

    await trx
      .insertInto('sales')
      .values({
        id: sale.id,
        kind: 'sale',
        refund_of: null,
        cashier_id: null,
        shift_id: null,
        branch_id: key.branchId,
        device_id: key.deviceId,
        device_seq: deviceSeq,
        receipt_number: receipt,
        cashier_name: sale.cashierName,
        device_created_at: sale.createdAt,
        received_at: now,
        currency: sale.currency,
        total_cents: sale.totalCents,
        content_hash: createHash('sha256').update(body).digest('hex'),
        body,
        applied_seq: appliedSeq,
        seq: appliedSeq,
      })
      .execute();
    const line = sale.lines[0]!;
    await trx
      .insertInto('sale_lines')
      .values({
        sale_id: sale.id,
        line_no: 1,
        product_id: product.id,
        name: line.name,
        quantity: line.quantity,
        unit_price_cents: line.unitPriceCents,
        tax_rate_bp: line.taxRateBp,
        discount_cents: line.discountCents,
        discount_reason: line.discountReason,
        line_total_cents: line.lineTotalCents,
      })
      .execute();
    await summarizeSaleDoc(trx, sale, now, appliedSeq);
    const level = await applyMovement(
      trx,
      {
        locationId: key.locationId,
        productId: product.id,
        delta: -n.quantity,
        kind: 'sale',
        saleId: sale.id,
        actor: `legacy:${key.branchId}`,
        reason: `sale ${receipt} (legacy API)`,
      },
      appliedSeq,
      now,
    );

    let reconciliationChanged = false;
    if (level < 0) {
      await recordOversell(
        trx,
        {
          branchId: key.branchId,
          locationId: key.locationId,
          productId: product.id,
          productName: product.name,
          level,
          saleId: sale.id,
          receiptNumber: receipt,
        },
        appliedSeq,
        now,
      );
      reconciliationChanged = true;
    }
    const catalogue = new CatalogueReads();
    await catalogue.load(trx, [product.id]);
    const masterUnit = catalogue.priceAt(product.id, now);
    const expectedTotalCents = masterUnit === undefined ? undefined : masterUnit * n.quantity;
    if (expectedTotalCents !== undefined && expectedTotalCents !== n.salePriceCents) {
      reconciliationChanged ||= await openItem(
        trx,
        {
          kind: 'price_mismatch',
          causeKey: `price_mismatch:${sale.id}:1`,
          branchId: key.branchId,
          locationId: key.locationId,
          productId: product.id,
          saleId: sale.id,
          documentId: sale.id,
          summary: `${product.name} on receipt ${receipt} (legacy API): charged ${n.salePriceCents} for ${n.quantity}, master price says ${expectedTotalCents} (difference ${n.salePriceCents - expectedTotalCents})`,
          details: {
            receiptNumber: receipt,
            lineNo: 1,
            productName: product.name,
            quantity: n.quantity,
            expectedUnitCents: masterUnit,
            expectedTotalCents,
            chargedTotalCents: n.salePriceCents,
            differenceCents: n.salePriceCents - expectedTotalCents,
            saleTime: sale.createdAt,
            source: 'legacy sale-notification',
          },
        },
        appliedSeq,
        now,
      );
    }

    // The seed's answer; updated_stock is the branch's ledger level, below zero when oversold.
    const response = {
      status: 'received',
      message: `Venta registrada para ${n.quantity} unidades`,
      updated_stock: level,
    };
    await trx
      .insertInto('legacy_notifications')
      .values({
        id: uuidv7(),
        branch_id: key.branchId,
        key_id: key.keyId,
        product_legacy_id: n.productLegacyId,
        sale_timestamp: n.timestampText,
        quantity: n.quantity,
        sale_price_cents: n.salePriceCents,
        master_price_cents: expectedTotalCents ?? 0,
        sale_id: sale.id,
        response: JSON.stringify(response),
        received_at: now,
      })
      .execute();
    await seq.save();
    return {
      answer: { status: 200, body: response },
      applied: { seq: appliedSeq, locationId: key.locationId, reconciliationChanged },
    };
  });
}

/**
 * The notification as a SaleDoc, so the sale reads like any device's in pulls, reports and
 * refunds. The seed sends only a total: the unit price is the total over the quantity, rounded
 * up to the cent, and the few cents of rounding are a line discount so the total is exact.
 */
function legacySaleDoc(
  key: LegacyKeyIdentity,
  n: SaleNotification,
  product: { id: string; name: string; tax_rate_bp: number },
  deviceSeq: number,
  receipt: string,
): SaleDoc {
  const rest = n.salePriceCents % n.quantity;
  const unit = (n.salePriceCents - rest) / n.quantity + (rest === 0 ? 0 : 1);
  const discount = unit * n.quantity - n.salePriceCents;
  return {
    id: uuidv7(),
    kind: 'sale',
    refundOf: null,
    branchId: key.branchId,
    deviceId: key.deviceId,
    deviceSeq,
    receiptNumber: receipt,
    cashierId: null,
    cashierName: 'Legacy API',
    shiftId: null,
    createdAt: n.timestamp.toISOString(),
    currency: key.currency,
    lines: [
      {
        productId: product.id,
        name: product.name,
        quantity: n.quantity,
        unitPriceCents: unit,
        taxRateBp: Number(product.tax_rate_bp),
        discountCents: discount,
        discountReason: discount > 0 ? 'rounding of the total sent by the legacy API' : null,
        lineTotalCents: n.salePriceCents,
      },
    ],
    totalCents: n.salePriceCents,
    payments: [{ method: 'cash', amountCents: n.salePriceCents, tenderedCents: n.salePriceCents }],
    _deleted: false,
  };
}
