import { useState } from 'react';
import { sumCents } from '../../../shared/money';
import { refundableUnits } from '../../../shared/sale/refund-math';
import type { SaleRow } from '../../sync/collections';
import { commitSale } from '../../sync/commit-sale';
import type { DevicePairing } from '../../sync/device-pairing';
import type { PosStore } from '../../sync/pos-database';
import { errorMessage } from '../error-message';
import { useT } from '../i18n';
import { reasonKey, refusedMessages } from '../refused/refused-messages';
import { refusalOf } from '../refused/refused-sales';
import { findSaleForRefund } from './find-sale';
import { refundMessages } from './refund-messages';
import { chosenRefundLines, refundTicket, type FoundSale, type RefundMethod } from './refund-ticket';

/**
 * A refund by receipt: the ticket looked up (refused if it is not a sale, was refused by the server or
 * has nothing left to give back), the units chosen per line, and the refund committed like a sale.
 */
export function useRefund(
  store: PosStore,
  pairing: DevicePairing,
  cashier: { id: string | null; name: string; shiftId: string | null },
) {
  const t = useT(refundMessages);
  const refused = useT(refusedMessages);
  const [found, setFound] = useState<FoundSale | null>(null);
  const [units, setUnits] = useState<number[]>([]);
  const [method, setMethod] = useState<RefundMethod>('cash');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<SaleRow | null>(null);

  async function lookup(code: string) {
    setError(null);
    setDone(null);
    setFound(null);
    const r = await findSaleForRefund(store.db, code);
    if (!r) return setError(t('notFound', { receipt: code }));
    if (r.sale.kind !== 'sale') return setError(t('notASale', { receipt: code }));
    const refusal = await refusalOf(store.db, r.sale.id);
    if (refusal)
      return setError(refused('notRefundable', { receipt: r.sale.receiptNumber, reason: refused(reasonKey(refusal)) }));
    const left = refundableUnits(r.sale, r.refunds);
    setFound({ sale: r.sale, left, alreadyPartly: r.refunds.length > 0 });
    setUnits(left.map(() => 0));
    if (left.every((n) => n === 0)) setError(t('alreadyRefunded'));
  }

  const lines = found ? chosenRefundLines(found, units) : [];
  const total = sumCents(lines.map((l) => l.lineTotalCents));

  async function refund() {
    if (!found) return;
    setError(null);
    // Counted again from the database: a refund made meanwhile (another tab) is not given twice.
    const fresh = await findSaleForRefund(store.db, found.sale.receiptNumber);
    const left = fresh ? refundableUnits(fresh.sale, fresh.refunds) : found.left;
    const over = found.sale.lines.findIndex((l, i) => units[i]! > left[i]!);
    if (over >= 0) {
      setFound({ ...found, left });
      return setError(
        left.every((n) => n === 0)
          ? t('alreadyRefunded')
          : t('tooMany', { n: left[over]!, name: found.sale.lines[over]!.name }),
      );
    }
    if (lines.length === 0) return setError(t('nothingSelected'));
    if (total === 0) return setError(t('zeroRefund'));
    setBusy(true);
    try {
      setDone(await commitSale(store, pairing, refundTicket(found, lines, total, method, cashier)));
      setFound(null);
    } catch (err) {
      setError(t('failed', { message: errorMessage(err) }));
    } finally {
      setBusy(false);
    }
  }

  return {
    found,
    units,
    setUnits,
    method,
    setMethod,
    error,
    busy,
    /** The refund just committed, until the cashier starts another. */
    done,
    clearDone: () => setDone(null),
    lookup,
    lines,
    total,
    refund,
  };
}
