import { useState } from 'react';
import { useT } from '../i18n/i18n';
import { TextField } from './text-field';
import { uiMessages } from './ui-messages';

/**
 * Cancelling something (a count, a transfer) with the reason why: a heading, the reason, and the button that
 * cancels once the reason has at least 3 characters (else `onProblem` gets what to fix).
 */
export function CancelWithReason({
  title,
  id,
  confirmLabel,
  busy,
  onProblem,
  onCancel,
}: {
  title: string;
  /** The reason field's id. */
  id: string;
  confirmLabel: string;
  busy: boolean;
  onProblem: (problem: string | null) => void;
  onCancel: (reason: string) => void;
}) {
  const t = useT(uiMessages);
  const [reason, setReason] = useState('');
  function cancel() {
    if (reason.trim().length < 3) return onProblem(t('reasonShort'));
    onProblem(null);
    onCancel(reason);
  }
  return (
    <>
      <h3>{title}</h3>
      <TextField label={t('cancelReason')} id={id} value={reason} onChange={(e) => setReason(e.target.value)} />
      <div className="actions start">
        <button type="button" className="danger" disabled={busy} onClick={cancel}>
          {confirmLabel}
        </button>
      </div>
    </>
  );
}
