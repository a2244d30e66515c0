import { useState } from 'react';
import type { ApproveCountResponse, CountDetail } from '../../../shared/console/counts';
import { useT } from '../i18n/i18n';
import type { Formatter } from '../i18n/format';
import { useApi } from '../session/session-context';
import { Dialog } from '../ui/dialog';
import { ErrorNotice } from '../ui/error-notice';
import { countMessages } from './count-messages';
import { FormProblem } from '../ui/form-problem';
import { CancelWithReason } from '../ui/cancel-with-reason';

/** Approve (every variance becomes an adjustment, once) or cancel an open count. */
export function CountClose({ count, f, onDone }: { count: CountDetail; f: Formatter; onDone: (m: string) => void }) {
  const t = useT(countMessages);
  const api = useApi();
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const base = `/api/console/counts/${encodeURIComponent(count.id)}`;

  async function run(call: () => Promise<string>) {
    setBusy(true);
    setError(null);
    try {
      onDone(await call());
      setConfirming(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const approve = () =>
    run(async () => {
      const r = await api.post<ApproveCountResponse>(`${base}/approve`, {});
      return t('approved', { count: r.adjustments });
    });
  const cancel = (reason: string) =>
    run(async () => {
      await api.post(`${base}/cancel`, { reason });
      return t('cancelled');
    });

  return (
    <div className="card form" role="group" aria-labelledby="close-title">
      <h2 id="close-title">{t('approve')}</h2>
      <p className="hint">{t('approveHelp')}</p>
      <div className="actions start">
        <button type="button" className="primary" disabled={busy} onClick={() => setConfirming(true)}>
          {t('approve')}
        </button>
      </div>
      <CancelWithReason
        title={t('cancel')}
        id="count-cancel-reason"
        confirmLabel={t('confirmCancel')}
        busy={busy}
        onProblem={setProblem}
        onCancel={(reason) => void cancel(reason)}
      />
      <FormProblem>{problem}</FormProblem>
      {!confirming && <ErrorNotice error={error} />}
      {confirming && (
        <Dialog title={t('approveConfirm')} onClose={() => setConfirming(false)}>
          <div className="form">
            <p>
              {t('approveQuestion', {
                count: count.totals.withVariance,
                value: f.money(count.totals.varianceCents, count.currency),
              })}
            </p>
            <ErrorNotice error={error} />
            <div className="actions">
              <button type="button" onClick={() => setConfirming(false)}>
                {t('close')}
              </button>
              <button type="button" className="primary" disabled={busy} onClick={() => void approve()}>
                {t('approveConfirm')}
              </button>
            </div>
          </div>
        </Dialog>
      )}
    </div>
  );
}
