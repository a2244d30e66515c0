import { useEffect, useState } from 'react';
import type { BranchSettingsDoc } from '../../../shared/protocol';
import { refundableUnits, refundLine } from '../../../shared/sale/refund-math';
import { sumCents } from '../../../shared/money';
import type { SaleRow } from '../../sync/collections';
import { commitSale } from '../../sync/commit-sale';
import type { DevicePairing } from '../../sync/device-pairing';
import type { PosStore } from '../../sync/pos-database';
import { INTL_LOCALE, useI18n, useT } from '../i18n';
import { Receipt } from '../receipt/Receipt';
import { reasonKey, refusedMessages } from '../refused/refused-messages';
import { refusalOf } from '../refused/refused-sales';
import { findSaleForRefund } from './find-sale';
import { refundMessages } from './refund-messages';

interface Found {
  sale: SaleRow;
  left: number[];
  alreadyPartly: boolean;
}

/**
 * Refund desk: find a ticket by receipt number (typed or scanned), choose the units that come
 * back, give the money back in cash or card. The refund is one ticket (kind 'refund', refundOf)
 * committed like a sale; its units go back into displayed stock at once.
 */
export function RefundScreen({
  store,
  pairing,
  money,
  settings,
  cashier,
  scanned,
}: {
  store: PosStore;
  pairing: DevicePairing;
  money: (c: number) => string;
  settings: BranchSettingsDoc | null;
  cashier: { id: string | null; name: string; shiftId: string | null };
  scanned: { code: string; at: number } | null;
}) {
  const t = useT(refundMessages);
  const refused = useT(refusedMessages);
  const { locale } = useI18n();
  const [receipt, setReceipt] = useState('');
  const [found, setFound] = useState<Found | null>(null);
  const [units, setUnits] = useState<number[]>([]);
  const [method, setMethod] = useState<'cash' | 'card'>('cash');
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

  useEffect(() => {
    if (!scanned) return;
    setReceipt(scanned.code);
    void lookup(scanned.code);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scanned]);

  const lines = found
    ? found.sale.lines
        .map((l, i) => (units[i]! > 0 ? refundLine(l, l.quantity - found.left[i]!, units[i]!) : null))
        .filter((l) => l !== null)
    : [];
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
      const saved = await commitSale(store, pairing, {
        kind: 'refund',
        refundOf: found.sale.id,
        lines: lines.map((l) => ({
          product: { id: l.productId, name: l.name, priceCents: l.unitPriceCents, taxRateBp: l.taxRateBp },
          quantity: l.quantity,
          discountCents: l.discountCents,
          discountReason: l.discountReason,
        })),
        payments: [{ method, amountCents: total, tenderedCents: method === 'cash' ? total : null }],
        cashierId: cashier.id,
        cashierName: cashier.name,
        shiftId: cashier.shiftId,
      });
      setDone(saved);
      setFound(null);
    } catch (err) {
      setError(t('failed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <section className="refund" aria-label={t('title')}>
        <p className="paid-title" role="status">
          ✓ {t('done')}
        </p>
        <Receipt
          sale={done}
          branchName={pairing.branch.name}
          settings={settings}
          money={money}
          refundOfReceipt={receipt}
        />
        <button
          type="button"
          className="primary"
          onClick={() => {
            setDone(null);
            setReceipt('');
          }}
        >
          {t('another')}
        </button>
      </section>
    );
  }

  return (
    <section className="refund" aria-label={t('title')}>
      <h2>{t('title')}</h2>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void lookup(receipt);
        }}
      >
        <input
          aria-label={t('receiptNumber')}
          placeholder="001-01-000001"
          value={receipt}
          onChange={(e) => setReceipt(e.target.value)}
        />
        <button type="submit">{t('find')}</button>
      </form>
      <p className="hint">{t('scanHint')}</p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {found && (
        <>
          <p>
            <strong>{found.sale.receiptNumber}</strong> —{' '}
            {t('soldOn', {
              date: new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'short', timeStyle: 'short' }).format(
                new Date(found.sale.createdAt),
              ),
              total: money(found.sale.totalCents),
            })}
          </p>
          {found.alreadyPartly && found.left.some((n) => n > 0) && (
            <p className="warning" role="note">
              {t('partlyRefunded')}
            </p>
          )}
          <ul className="refund-lines">
            {found.sale.lines.map((l, i) => (
              <li key={i}>
                <span className="line-name">
                  {l.name} <small>{money(l.lineTotalCents)}</small>
                </span>
                <span className="hint">{t('refundable', { n: found.left[i]!, sold: l.quantity })}</span>
                <input
                  type="number"
                  min={0}
                  max={found.left[i]}
                  disabled={found.left[i] === 0}
                  aria-label={t('unitsToRefund', { name: l.name })}
                  value={units[i] ?? 0}
                  onChange={(e) => {
                    const n = Math.max(0, Math.min(found.left[i]!, Math.trunc(Number(e.target.value) || 0)));
                    setUnits(units.map((u, j) => (j === i ? n : u)));
                  }}
                />
                <button
                  type="button"
                  disabled={found.left[i] === 0}
                  aria-label={t('allOf', { name: l.name })}
                  onClick={() => setUnits(units.map((u, j) => (j === i ? found.left[i]! : u)))}
                >
                  {t('all')}
                </button>
              </li>
            ))}
          </ul>
          {found.left.some((n) => n > 0) && (
            <>
              <div role="radiogroup" aria-label={t('method')} className="segmented">
                <span>{t('method')}:</span>
                <label>
                  <input
                    type="radio"
                    name="refund-method"
                    checked={method === 'cash'}
                    onChange={() => setMethod('cash')}
                  />{' '}
                  {t('cash')}
                </label>
                <label>
                  <input
                    type="radio"
                    name="refund-method"
                    checked={method === 'card'}
                    onChange={() => setMethod('card')}
                  />{' '}
                  {t('card')}
                </label>
              </div>
              <button
                type="button"
                className="primary charge"
                disabled={busy || lines.length === 0}
                onClick={() => void refund()}
              >
                {busy ? t('saving') : t('refundButton', { amount: money(total) })}
              </button>
            </>
          )}
        </>
      )}
    </section>
  );
}
