import { useState } from 'react';
import type { ShiftEventRow } from '../../sync/collections';
import { recordShiftEvent } from '../../sync/device-documents';
import { useT } from '../i18n';
import { SegmentedChoice } from '../SegmentedChoice';
import { AmountField } from './AmountField';
import { parseAmountToCents } from './parse-amount';
import { shiftMessages } from './shift-messages';
import { useDevice, useMoney } from '../session/device-context';
import { useSession } from '../session/session-context';

/** Cash put into or taken out of the drawer, each with its reason, and the list of them. */
export function CashMovesCard({
  shiftId,
  events,
  time,
  onResult,
}: {
  shiftId: string;
  events: ShiftEventRow[];
  time: (iso: string) => string;
  onResult: (message: string, failed: boolean) => void;
}) {
  const { db, pairing } = useDevice();
  const { author } = useSession();
  const money = useMoney();
  const t = useT(shiftMessages);
  const [kind, setKind] = useState<'cash_in' | 'cash_out'>('cash_in');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');

  async function record() {
    const cents = parseAmountToCents(amount);
    if (cents === null) return onResult(t('badAmount'), true);
    if (!reason.trim()) return onResult(t('needReason'), true);
    try {
      await recordShiftEvent(db, pairing, { shiftId, kind, amountCents: cents, reason: reason.trim(), author });
      setAmount('');
      setReason('');
      onResult(t('recorded'), false);
    } catch (err) {
      onResult(err instanceof Error ? err.message : String(err), true);
    }
  }

  return (
    <section className="card" aria-label={t('cashMoves')}>
      <h2>{t('cashMoves')}</h2>
      <SegmentedChoice
        label={t('cashMoves')}
        options={[
          ['cash_in', t('cashIn')],
          ['cash_out', t('cashOut')],
        ]}
        value={kind}
        onChange={setKind}
      />
      <form
        className="row-form"
        onSubmit={(e) => {
          e.preventDefault();
          void record();
        }}
      >
        <AmountField id="move-amount" label={t('amount')} value={amount} onChange={setAmount} />
        <label htmlFor="move-reason" className="field">
          {t('reason')}
          <input id="move-reason" maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <button type="submit" className="primary">
          {t('record')}
        </button>
      </form>
      <ul className="moves">
        {events
          .filter((e) => e.kind === 'cash_in' || e.kind === 'cash_out')
          .map((e) => (
            <li key={e.id}>
              {time(e.at)} · {e.kind === 'cash_in' ? t('cashIn') : t('cashOut')} {money(e.amountCents)} · {e.reason}
            </li>
          ))}
      </ul>
    </section>
  );
}
