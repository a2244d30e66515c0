import type { Transaction } from 'kysely';
import { createHash } from 'node:crypto';
import type { SaleDoc } from '../../shared/protocol';
import { receiptNumber } from '../../shared/sale/receipt-number';
import { BulkInsert } from '../db/bulk-insert';
import type { Database } from '../db/schema';
import { WriteBatch } from '../db/write-batch';
import { uuidv7 } from '../db/uuid-v7';
import type { GroupScope } from '../ledger/group-commit';
import { CatalogueReads } from '../ledger/master-price';
import { addSaleRows, saleRows } from '../ledger/sales-batch';
import type { SequenceAllocator } from '../ledger/server-sequence';
import { MovementBatch } from '../ledger/stock-movements';
import { causeAt, openItem, recordOversell } from '../reconciliation/open-items';
import type { LegacyKeyIdentity } from './legacy-keys';
import type { SaleNotification, SaleNotificationResult } from './legacy-sales';

const insertNotifications = new BulkInsert<Database['legacy_notifications']>(
  [
    'id',
    'branch_id',
    'key_id',
    'product_legacy_id',
    'sale_timestamp',
    'quantity',
    'sale_price_cents',
    'master_price_cents',
    'sale_id',
    'response',
    'received_at',
  ],
  (db, rows) => db.insertInto('legacy_notifications').values(rows),
  100,
);

export interface TimedNotification {
  n: SaleNotification;
  now: string;
}

type Product = { id: string; name: string; tax_rate_bp: number };

const dedupKey = (timestampText: string, productLegacyId: number) => `${timestampText}\u0000${productLegacyId}`;

/**
 * The notifications of one legacy key that arrived together, applied as one work of a group
 * transaction (group-commit.ts): each read once for all of them (earlier answers, products,
 * levels, prices), the receipt numbers taken in one update, and every row written in one
 * WriteBatch. Each notification gets the answer it would have got alone, in arrival order: a
 * retry (same branch, timestamp and product) the first answer, even within the batch.
 */
export class LegacyBatch {
  private readonly answers = new Map<string, SaleNotificationResult>();
  private readonly movements: MovementBatch;
  private readonly writes = new WriteBatch();
  private readonly sales: Database['sales'][] = [];
  private readonly lines: Database['sale_lines'][] = [];
  private readonly notifications: Database['legacy_notifications'][] = [];
  private catalogue = new CatalogueReads();

  constructor(
    private readonly trx: Transaction<Database>,
    private readonly seq: SequenceAllocator,
    private readonly group: GroupScope,
    private readonly key: LegacyKeyIdentity,
    private readonly batchNow: string,
  ) {
    this.movements = new MovementBatch(trx, batchNow);
  }

  async apply(batch: readonly TimedNotification[]): Promise<SaleNotificationResult[]> {
    await this.loadEarlier(batch);
    const products = await this.products(batch);
    const fresh = this.freshOnes(batch, products);
    const productIds = [...new Set(fresh.map((t) => products.get(t.n.productLegacyId)!.id))];
    this.catalogue = this.group.memo(CatalogueReads, () => new CatalogueReads());
    await this.catalogue.load(this.trx, productIds);
    await this.movements.load(this.key.locationId, productIds);
    let deviceSeq = await this.takeNumbers(fresh.length);
    for (const t of fresh) await this.applyOne(t, products.get(t.n.productLegacyId)!, deviceSeq++);
    await addSaleRows(this.trx, this.sales, this.lines, this.writes, this.group);
    await this.movements.flush(this.writes);
    this.writes.add(insertNotifications, this.notifications);
    await this.writes.flush(this.trx);
    return batch.map((t) => this.answers.get(dedupKey(t.n.timestampText, t.n.productLegacyId))!);
  }

  /** Notifications answered before: their first answer again, nothing applied (invariant 2). */
  private async loadEarlier(batch: readonly TimedNotification[]): Promise<void> {
    const rows = await this.trx
      .selectFrom('legacy_notifications')
      .select(['response', 'sale_timestamp', 'product_legacy_id'])
      .where('branch_id', '=', this.key.branchId)
      .where('sale_timestamp', 'in', [...new Set(batch.map((t) => t.n.timestampText))])
      .execute();
    for (const r of rows)
      this.answers.set(dedupKey(r.sale_timestamp, Number(r.product_legacy_id)), {
        answer: { status: 200, body: JSON.parse(r.response) as unknown },
        applied: null,
        keyId: this.key.keyId,
      });
  }

  private async products(batch: readonly TimedNotification[]): Promise<Map<number, Product>> {
    const rows = await this.trx
      .selectFrom('products')
      .select(['id', 'name', 'tax_rate_bp', 'legacy_id'])
      .where('legacy_id', 'in', [...new Set(batch.map((t) => t.n.productLegacyId))])
      .where('deleted', '=', 0)
      .execute();
    return new Map(rows.map((r) => [Number(r.legacy_id), { id: r.id, name: r.name, tax_rate_bp: r.tax_rate_bp }]));
  }

  /** The notifications to apply: not answered before, not a repeat within the batch, of a product the catalogue has. */
  private freshOnes(batch: readonly TimedNotification[], products: Map<number, Product>): TimedNotification[] {
    const fresh: TimedNotification[] = [];
    const seen = new Set<string>();
    for (const t of batch) {
      const k = dedupKey(t.n.timestampText, t.n.productLegacyId);
      if (this.answers.has(k) || seen.has(k)) continue;
      seen.add(k);
      if (products.has(t.n.productLegacyId)) fresh.push(t);
      else
        this.answers.set(k, {
          answer: { status: 404, body: { detail: 'Producto no encontrado' } },
          applied: null,
          keyId: this.key.keyId,
        });
    }
    return fresh;
  }

  /** The first of `count` receipt numbers of the key's own sequence. */
  private async takeNumbers(count: number): Promise<number> {
    if (count === 0) return 0;
    const numbered = await this.trx
      .updateTable('legacy_keys')
      .set((eb) => ({ last_seq: eb('last_seq', '+', count) }))
      .where('id', '=', this.key.keyId)
      .returning('last_seq')
      .executeTakeFirstOrThrow();
    return Number(numbered.last_seq) - count + 1;
  }

  private async applyOne({ n, now }: TimedNotification, product: Product, deviceSeq: number): Promise<void> {
    const { key } = this;
    const receipt = receiptNumber(key.receiptPrefix, key.deviceNumber, deviceSeq);
    const sale = legacySaleDoc(key, n, product, deviceSeq, receipt);
    const body = JSON.stringify(sale);
    const appliedSeq = this.seq.next();
    const rows = saleRows(sale, {
      branchId: key.branchId,
      deviceId: key.deviceId,
      hash: createHash('sha256').update(body).digest('hex'),
      body,
      appliedSeq,
      receivedAt: now,
    });
    this.sales.push(rows.sale);
    this.lines.push(...rows.lines);
    const level = this.movements.apply(
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
    );
    let reconciliationChanged = false;
    if (level < 0) {
      await recordOversell(
        this.trx,
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
    const masterUnit = this.catalogue.priceAt(product.id, now);
    const expectedTotalCents = masterUnit === undefined ? undefined : masterUnit * n.quantity;
    if (expectedTotalCents !== undefined && expectedTotalCents !== n.salePriceCents)
      reconciliationChanged ||= await this.priceMismatch(n, product, sale, masterUnit!, appliedSeq, now);

    // The seed's answer; updated_stock is the branch's ledger level, below zero when oversold.
    const response = {
      status: 'received',
      message: `Venta registrada para ${n.quantity} unidades`,
      updated_stock: level,
    };
    this.notifications.push({
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
    });
    this.answers.set(dedupKey(n.timestampText, n.productLegacyId), {
      answer: { status: 200, body: response },
      applied: { seq: appliedSeq, locationId: key.locationId, reconciliationChanged },
      keyId: key.keyId,
    });
  }

  /** Invariant 7: a total other than master price × quantity opens a price_mismatch item. */
  private async priceMismatch(
    n: SaleNotification,
    product: Product,
    sale: SaleDoc,
    masterUnit: number,
    appliedSeq: number,
    now: string,
  ): Promise<boolean> {
    const { key } = this;
    const expectedTotalCents = masterUnit * n.quantity;
    return openItem(
      this.trx,
      {
        ...causeAt('price_mismatch', `${sale.id}:1`, key),
        productId: product.id,
        saleId: sale.id,
        documentId: sale.id,
        summary: `${product.name} on receipt ${sale.receiptNumber} (legacy API): charged ${n.salePriceCents} for ${n.quantity}, master price says ${expectedTotalCents} (difference ${n.salePriceCents - expectedTotalCents})`,
        details: {
          receiptNumber: sale.receiptNumber,
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
}

/**
 * The notification as a SaleDoc, so the sale reads like any device's in pulls, reports and
 * refunds. The seed sends only a total: the unit price is the total over the quantity, rounded
 * up to the cent, and the few cents of rounding are a line discount so the total is exact.
 */
function legacySaleDoc(
  key: LegacyKeyIdentity,
  n: SaleNotification,
  product: Product,
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
