import { countDelta, countDocSchema, type CountDoc } from '../../shared/protocol';
import { recordInOpenTake } from '../counts/pos-count-in-take';
import { recordCountDiscrepancy } from '../reconciliation/open-items';
import { actorOf } from './document-author';
import type { DocumentKind } from './ingest-documents';
import { applyMovement } from './stock-movements';
import { refusal } from './refusals';
import { stockLevelOf } from './ledger-queries';

/**
 * DESIGN invariants 3 and 6: a count moves stock by counted − believed (never sets a level), and a
 * non-zero delta opens one count_discrepancy item with what was counted, what the device believed
 * and the ledger's level when it was applied. A zero delta is still recorded as a movement so the
 * level carries the count's sequence and the device learns from a pull that it is applied (SPEC S4).
 */
export const countsKind: DocumentKind<CountDoc> = {
  collection: 'counts',
  what: 'Count',
  schema: countDocSchema,
  table: 'stock_counts',
  async apply(trx, { doc, author, device, hash, body, appliedSeq, now }) {
    const product = await trx
      .selectFrom('products')
      .select(['id', 'name', 'category', 'unit', 'quantity_decimals'])
      .where('id', '=', doc.productId)
      .executeTakeFirst();
    if (!product) {
      return refusal(
        doc.id,
        'NOT_FOUND',
        `Count ${doc.id} counts product ${doc.productId}, which the catalogue does not have; nothing was applied.`,
      );
    }
    const levelAtApply = await stockLevelOf(trx, device.locationId, doc.productId);
    const { actor, relayNote } = actorOf(author);
    const where = { locationId: device.locationId, category: product.category, deviceId: author.deviceId };
    const takeId = await recordInOpenTake(trx, doc, where, appliedSeq, now);
    // Inside an open stock count the quantity fills its sheet; the approval adjusts (SPEC S13).
    const delta = takeId ? 0 : countDelta(doc);
    const levelAfter = await applyMovement(
      trx,
      {
        locationId: device.locationId,
        productId: doc.productId,
        delta,
        kind: 'count_adjustment',
        saleId: null,
        actor,
        reason: `count ${doc.id}: counted ${doc.countedQuantity}, device believed ${doc.believedQuantity}${doc.note ? ` (${doc.note})` : ''}${takeId ? `, recorded in stock count ${takeId}` : ''}${relayNote}`,
      },
      appliedSeq,
      now,
    );
    await trx
      .insertInto('stock_counts')
      .values({
        id: doc.id,
        branch_id: device.branchId,
        device_id: author.deviceId,
        location_id: device.locationId,
        product_id: doc.productId,
        counted_quantity: doc.countedQuantity,
        believed_quantity: doc.believedQuantity,
        believed_level_seq: doc.believedLevelSeq,
        level_at_apply: levelAtApply,
        delta,
        received_at: now,
        content_hash: hash,
        body,
        applied_seq: appliedSeq,
      })
      .execute();
    if (delta === 0 || takeId) return { stockLocationIds: [device.locationId] };
    await recordCountDiscrepancy(
      trx,
      {
        branchId: device.branchId,
        locationId: device.locationId,
        count: doc,
        productName: product.name,
        counted: { unit: product.unit, quantityDecimals: Number(product.quantity_decimals) },
        levelAtApply,
        levelAfter,
      },
      appliedSeq,
      now,
    );
    return { stockLocationIds: [device.locationId], reconciliation: true };
  },
};
