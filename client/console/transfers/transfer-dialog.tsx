import { useState } from 'react';
import type { TransferRow } from '../../../shared/console/ledger-api';
import { useT } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import { useApi } from '../session/session-context';
import { Dialog } from '../ui/dialog';
import { ErrorNotice } from '../ui/error-notice';
import { transferMessages } from './transfer-messages';

/** One transfer: its lines; while in transit, confirm what arrived (counted) or cancel it with a reason. */
export function TransferDialog({
  transfer,
  productName,
  placeName,
  onClose,
  onDone,
}: {
  transfer: TransferRow;
  productName: (id: string) => string;
  placeName: (id: string) => string;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const t = useT(transferMessages);
  const api = useApi();
  const f = useFormat();
  const from = placeName(transfer.fromLocationId);
  const to = placeName(transfer.toLocationId);
  const [counted, setCounted] = useState<Record<string, string>>(() =>
    Object.fromEntries(transfer.lines.map((l) => [l.productId, String(l.quantity)])),
  );
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const base = `/api/console/transfers/${encodeURIComponent(transfer.id)}`;
  const received = new Map(transfer.receivedLines?.map((l) => [l.productId, l.quantity]));

  async function run(call: () => Promise<string>) {
    setBusy(true);
    setError(null);
    try {
      onDone(await call());
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  function receive() {
    if (Object.values(counted).some((v) => !/^\d{1,9}$/.test(v.trim()))) return setProblem(t('countedInvalid'));
    setProblem(null);
    void run(async () => {
      const r = await api.post<{ discrepancy: boolean }>(`${base}/receive`, {
        lines: transfer.lines.map((l) => ({ productId: l.productId, quantity: Number(counted[l.productId]) })),
      });
      return r.discrepancy ? t('receivedDiff') : t('receivedOk');
    });
  }

  function cancel() {
    if (reason.trim().length < 3) return setProblem(t('reasonShort'));
    setProblem(null);
    void run(async () => {
      await api.post(`${base}/cancel`, { reason });
      return t('cancelled', { from });
    });
  }

  return (
    <Dialog title={t('details', { from, to })} onClose={onClose}>
      <div className="form">
        <p>
          <span className="badge muted">{t(`status_${transfer.status}`)}</span> {f.dateTime(transfer.sentAt)}
          {transfer.note && ` · ${transfer.note}`}
        </p>
        <ul className="plain">
          {transfer.lines.map((l) => (
            <li key={l.productId}>
              {t('line', { quantity: f.number(l.quantity), product: productName(l.productId) })}
              {received.has(l.productId) &&
                ` · ${t('receivedLine', { quantity: f.number(received.get(l.productId)!) })}`}
            </li>
          ))}
        </ul>
        {transfer.status === 'sent' && (
          <>
            <h3>{t('receive')}</h3>
            <p className="hint">{t('receiveHelp')}</p>
            {transfer.lines.map((l) => (
              <div className="field" key={l.productId}>
                <label htmlFor={`counted-${l.productId}`}>{t('counted', { product: productName(l.productId) })}</label>
                <input
                  id={`counted-${l.productId}`}
                  inputMode="numeric"
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
            <h3>{t('cancel')}</h3>
            <div className="field">
              <label htmlFor="cancel-reason">{t('cancelReason')}</label>
              <input id="cancel-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
            </div>
            <div className="actions start">
              <button type="button" className="danger" disabled={busy} onClick={cancel}>
                {t('confirmCancel')}
              </button>
            </div>
          </>
        )}
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        <ErrorNotice error={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('close')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
