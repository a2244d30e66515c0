import { useState } from 'react';
import type { TransferRow } from '../../../shared/console/ledger-api';
import { MAX_STOCK_QUANTITY, formatQuantity, parseQuantityIn } from '../../../shared/sale/quantity';
import type { Counted } from '../../../shared/sale/stock-quantity';
import { useLocale, useT } from '../i18n/i18n';
import { useApi } from '../session/session-context';
import { CancelWithReason } from '../ui/cancel-with-reason';
import { transferMessages } from './transfer-messages';

/** Runs one request of the dialog; its answer's message closes it, its error is shown. */
export type Run = (call: () => Promise<string>) => void;

const pathOf = (transfer: TransferRow) => `/api/console/transfers/${encodeURIComponent(transfer.id)}`;

/** In transit: what arrived of each product (counted, in its unit); a difference opens a reconciliation item. */
export function ReceiveSection({
  transfer,
  productName,
  productCounting,
  busy,
  run,
  onProblem,
}: {
  transfer: TransferRow;
  productName: (id: string) => string;
  productCounting: (id: string) => Counted;
  busy: boolean;
  run: Run;
  onProblem: (problem: string | null) => void;
}) {
  const t = useT(transferMessages);
  const api = useApi();
  const { locale } = useLocale();
  const decimalsOf = (id: string) => productCounting(id).quantityDecimals;
  const [counted, setCounted] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      transfer.lines.map((l) => [l.productId, formatQuantity(l.quantity, decimalsOf(l.productId), locale)]),
    ),
  );

  function receive() {
    // Typed in each product's unit (12,5 kg), sent as the integer of its smallest unit (12500).
    const quantities = transfer.lines.map((l) =>
      parseQuantityIn(counted[l.productId] ?? '', decimalsOf(l.productId), MAX_STOCK_QUANTITY),
    );
    const lines: { productId: string; quantity: number }[] = [];
    for (const [i, q] of quantities.entries()) {
      if ('problem' in q) return onProblem(t('countedInvalid'));
      lines.push({ productId: transfer.lines[i]!.productId, quantity: q.quantity });
    }
    onProblem(null);
    run(async () => {
      const r = await api.post<{ discrepancy: boolean }>(`${pathOf(transfer)}/receive`, { lines });
      return r.discrepancy ? t('receivedDiff') : t('receivedOk');
    });
  }

  return (
    <>
      <h3>{t('receive')}</h3>
      <p className="hint">{t('receiveHelp')}</p>
      {transfer.lines.map((l) => (
        <div className="field" key={l.productId}>
          <label htmlFor={`counted-${l.productId}`}>
            {productCounting(l.productId).unit === 'each'
              ? t('counted', { product: productName(l.productId) })
              : t('countedIn', { product: productName(l.productId), unit: productCounting(l.productId).unit })}
          </label>
          <input
            id={`counted-${l.productId}`}
            inputMode={decimalsOf(l.productId) > 0 ? 'decimal' : 'numeric'}
            value={counted[l.productId] ?? ''}
            onChange={(e) => setCounted((c) => ({ ...c, [l.productId]: e.target.value }))}
          />
        </div>
      ))}
      <div className="actions start">
        <button type="button" className="primary" disabled={busy} onClick={receive}>
          {t('confirmReceive')}
        </button>
      </div>
    </>
  );
}

/** A draft: edit it, or send it (the stock leaves the source now). */
export function DraftSection({
  transfer,
  from,
  busy,
  run,
  onEdit,
}: {
  transfer: TransferRow;
  from: string;
  busy: boolean;
  run: Run;
  onEdit: () => void;
}) {
  const t = useT(transferMessages);
  const api = useApi();
  return (
    <>
      <p className="hint">{t('draftHelp')}</p>
      <div className="actions start">
        <button type="button" disabled={busy} onClick={onEdit}>
          {t('editDraft')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() =>
            run(async () => {
              await api.post(`${pathOf(transfer)}/send`, {});
              return t('sent', { from });
            })
          }
        >
          {t('send')}
        </button>
      </div>
    </>
  );
}

/** Cancel a draft (nothing moved) or a transfer in transit (the units return to the source), with a reason. */
export function CancelSection({
  transfer,
  from,
  busy,
  run,
  onProblem,
}: {
  transfer: TransferRow;
  from: string;
  busy: boolean;
  run: Run;
  onProblem: (problem: string | null) => void;
}) {
  const t = useT(transferMessages);
  const api = useApi();
  const draft = transfer.status === 'draft';
  return (
    <CancelWithReason
      title={draft ? t('cancelDraft') : t('cancel')}
      id="cancel-reason"
      confirmLabel={draft ? t('confirmCancelDraft') : t('confirmCancel')}
      busy={busy}
      onProblem={onProblem}
      onCancel={(reason) =>
        run(async () => {
          await api.post(`${pathOf(transfer)}/cancel`, { reason });
          return draft ? t('draftCancelled') : t('cancelled', { from });
        })
      }
    />
  );
}
