import { useState } from 'react';
import type { Approval, ApprovalKind } from '../../../shared/protocol/approval';
import type { CashierRow } from '../../sync/collections';
import { PersonList } from '../cashier/PersonList';
import { PersonPinForm } from '../cashier/PersonPinForm';
import { usePinEntry } from '../cashier/use-pin-entry';
import { useT } from '../i18n';
import { approvalMessages } from './approval-messages';
import './approval.css';
import { makeApproval } from './approval-rules';

export interface ApprovalRequest {
  kind: ApprovalKind;
  /** What exactly is approved, in the cashier's words: "Descuento del 25 % en el ticket (−USD 3.00)". */
  summary: string;
  /** The reason already given by the cashier, if any; the supervisor may complete it. */
  reason?: string;
}

/** A supervisor picks themselves, confirms the reason and types their PIN, checked on the tablet. */
export function ApprovalDialog({
  request,
  approvers,
  onDone,
}: {
  request: ApprovalRequest;
  approvers: CashierRow[];
  onDone: (approval: Approval | null) => void;
}) {
  const t = useT(approvalMessages);
  const [chosen, setChosen] = useState<CashierRow | null>(approvers.length === 1 ? approvers[0]! : null);
  const [reason, setReason] = useState(request.reason ?? '');
  const [reasonMissing, setReasonMissing] = useState(false);
  const entry = usePinEntry();

  async function submit() {
    if (!chosen) return;
    if (reason.trim() === '') return setReasonMissing(true);
    if (await entry.submit(chosen)) onDone(makeApproval(request.kind, chosen, reason, new Date()));
  }

  return (
    <div className="lock" role="dialog" aria-modal="true" aria-labelledby="approval-title">
      <div className="card lock-card approval-card">
        <h1 id="approval-title">{t('title')}</h1>
        <p className="approval-what">
          {t('asks')} <strong>{t(request.kind)}</strong>
          <br />
          {request.summary}
        </p>
        {approvers.length === 0 && (
          <p role="alert" className="error">
            {t('noApprovers')}
          </p>
        )}
        {!chosen ? (
          approvers.length > 0 && (
            <>
              <h2>{t('whoApproves')}</h2>
              <PersonList people={approvers} onChoose={setChosen} />
            </>
          )
        ) : (
          <PersonPinForm
            entry={entry}
            label={t('pinOf', { name: chosen.name })}
            inputId="approval-pin"
            submitLabel={t('approve')}
            back={approvers.length > 1 ? { label: t('back'), onBack: () => setChosen(null) } : undefined}
            onSubmit={() => void submit()}
          >
            <label htmlFor="approval-reason">{t('reason')}</label>
            <input
              id="approval-reason"
              value={reason}
              maxLength={200}
              aria-invalid={reasonMissing && reason.trim() === ''}
              onChange={(e) => (setReason(e.target.value), setReasonMissing(false))}
            />
            {reasonMissing && (
              <p role="alert" className="error">
                {t('reasonNeeded')}
              </p>
            )}
          </PersonPinForm>
        )}
        <button type="button" className="ghost" onClick={() => onDone(null)}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
