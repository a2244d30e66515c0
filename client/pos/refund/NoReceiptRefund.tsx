import { useState } from 'react';
import { sumCents } from '../../../shared/money';
import { formatProductQuantity } from '../../../shared/sale/quantity';
import { lineTotal } from '../../../shared/sale/sale-arithmetic';
import type { SaleRow } from '../../sync/collections';
import { commitSale } from '../../sync/commit-sale';
import { useManagerApproval } from '../approval/approval-context';
import { useCatalogueIndex } from '../catalogue-search/use-catalogue-index';
import { INTL_LOCALE, useI18n, useT } from '../i18n';
import { firstQuantity, NoReceiptLines, type NoReceiptLine } from './NoReceiptLines';
import { noReceiptMessages } from './no-receipt-messages';
import { refundMessages } from './refund-messages';
import { useDevice } from '../session/device-context';

/**
 * Goods brought back with no receipt: picked from the catalogue, refunded at today's price, with a
 * reason and a supervisor's approval (recorded on the refund, which names no sale).
 */
export function NoReceiptRefund({
  cashier,
  onDone,
}: {
  cashier: { id: string | null; name: string; shiftId: string | null };
  onDone: (refund: SaleRow) => void;
}) {
  const { store, pairing, money } = useDevice();
  const t = useT(noReceiptMessages);
  const desk = useT(refundMessages);
  const approval = useManagerApproval();
  const { index } = useCatalogueIndex(store.db);
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [lines, setLines] = useState<NoReceiptLine[]>([]);
  const [reason, setReason] = useState('');
  const [method, setMethod] = useState<'cash' | 'card'>('cash');
  const [error, setError] = useState<string | null>(null);
  const found = query.trim() ? index.search(query, { limit: 6 }).items : [];
  const { locale } = useI18n();
  const total = sumCents(
    lines.map((l) =>
      lineTotal({
        unitPriceCents: l.product.priceCents,
        quantity: l.quantity,
        quantityDecimals: l.product.quantityDecimals ?? 0,
      }),
    ),
  );

  if (!open)
    return (
      <button type="button" className="ghost" onClick={() => setOpen(true)}>
        {t('open')}
      </button>
    );

  const setQuantity = (id: string, quantity: number) =>
    setLines((ls) => ls.map((l) => (l.product.id === id ? { ...l, quantity } : l)).filter((l) => l.quantity > 0));

  async function refund() {
    if (lines.length === 0) return setError(t('needsLines'));
    if (!reason.trim()) return setError(t('needsReason'));
    const names = lines
      .map((l) => `${formatProductQuantity(l.quantity, l.product, INTL_LOCALE[locale])} × ${l.product.name}`)
      .join(', ');
    const given = await approval.request({
      kind: 'refund_without_receipt',
      summary: t('summary', { count: lines.length, amount: money(total), names }),
      reason: reason.trim(),
    });
    if (!given) return setError(t('notApproved'));
    const saved = await commitSale(store, pairing, {
      kind: 'refund',
      refundOf: null,
      lines: lines.map((l) => ({ product: l.product, quantity: l.quantity })),
      payments: [{ method, amountCents: total, tenderedCents: method === 'cash' ? total : null }],
      approvals: [given],
      cashierId: cashier.id,
      cashierName: cashier.name,
      shiftId: cashier.shiftId,
    });
    setLines([]);
    setReason('');
    setOpen(false);
    onDone(saved);
  }

  return (
    <section className="refund no-receipt" aria-label={t('title')}>
      <h2>{t('title')}</h2>
      <p className="hint">{t('help')}</p>
      <input aria-label={t('search')} value={query} onChange={(e) => setQuery(e.target.value)} />
      <ul className="refund-lines">
        {found.map((p) => (
          <li key={p.id}>
            <button
              type="button"
              aria-label={t('add', { name: p.name })}
              onClick={() => (
                setLines((ls) =>
                  ls.some((l) => l.product.id === p.id) ? ls : [...ls, { product: p, quantity: firstQuantity(p) }],
                ),
                setQuery('')
              )}
            >
              {p.name} · {money(p.priceCents)}
            </button>
          </li>
        ))}
      </ul>
      <NoReceiptLines lines={lines} setQuantity={setQuantity} />
      <label>
        {t('reason')}
        <input value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
      </label>
      <div role="radiogroup" className="segmented" aria-label={desk('method')}>
        {(['cash', 'card'] as const).map((m) => (
          <label key={m}>
            <input type="radio" name="no-receipt-method" checked={method === m} onChange={() => setMethod(m)} />{' '}
            {desk(m)}
          </label>
        ))}
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="button" className="primary charge" disabled={lines.length === 0} onClick={() => void refund()}>
        {t('refund', { amount: money(total) })}
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        {t('close')}
      </button>
    </section>
  );
}
