import { useState } from 'react';
import { countedTotal, denominationsOf } from '../../../shared/cash/denominations';
import { beyondCashLimit, type ShiftReport } from '../../../shared/sale/shift-report';
import { recordShiftEvent } from '../../sync/device-documents';
import { useManagerApproval } from '../approval/approval-context';
import { useT } from '../i18n';
import { SegmentedChoice } from '../SegmentedChoice';
import { AmountField } from './AmountField';
import { cashMessages } from './cash-messages';
import { DenominationCounter, parseCounts, type CountTexts } from './DenominationCounter';
import { parseAmountToCents } from './parse-amount';
import { shiftMessages } from './shift-messages';
import { useDevice, useMoney } from '../session/device-context';
import { useSession } from '../session/session-context';

/** "sobran USD 2.00", "faltan USD 0.30", "cuadra". */
export function overShortText(
  t: (key: 'over' | 'short' | 'even', params?: Record<string, string>) => string,
  cents: number,
  money: (c: number) => string,
) {
  return cents === 0
    ? t('even')
    : cents > 0
      ? t('over', { amount: money(cents) })
      : t('short', { amount: money(-cents) });
}

/**
 * Closes the shift with the cash counted: note by note and coin by coin in the branch's currency
 * (or the total typed, for a currency without a table). A difference beyond the branch's limit
 * needs a supervisor's approval before the close is recorded.
 */
export function CloseShiftCard({
  report,
  limitCents,
  onError,
  onClosed,
}: {
  report: ShiftReport;
  limitCents: number;
  onError: (message: string) => void;
  onClosed: (message: string) => void;
}) {
  const { db, pairing } = useDevice();
  const { author } = useSession();
  const money = useMoney();
  const t = useT(shiftMessages);
  const c = useT(cashMessages);
  const approvals = useManagerApproval();
  const denominations = denominationsOf(pairing.branch.currency);
  const [mode, setMode] = useState<'count' | 'total'>(denominations ? 'count' : 'total');
  const [texts, setTexts] = useState<CountTexts>({});
  const [totalText, setTotalText] = useState('');
  const [busy, setBusy] = useState(false);

  const counts = mode === 'count' ? parseCounts(texts) : [];
  const counted = mode === 'count' ? (counts ? countedTotal(counts) : null) : parseAmountToCents(totalText);
  const overShort = counted === null ? null : counted - report.expectedCashCents;
  const beyond = beyondCashLimit(overShort, limitCents);

  async function close() {
    if (counted === null || counts === null) return onError(mode === 'count' ? c('badCount') : t('badAmount'));
    const diffText = overShortText(t, counted - report.expectedCashCents, money);
    let approval = null;
    if (beyond) {
      approval = await approvals.request({
        kind: 'cash_difference',
        summary: c('approvalSummary', {
          text: diffText,
          counted: money(counted),
          expected: money(report.expectedCashCents),
          limit: money(limitCents),
        }),
      });
      if (!approval) return onError(c('notApproved'));
    }
    setBusy(true);
    try {
      await recordShiftEvent(db, pairing, {
        shiftId: report.shiftId,
        kind: 'close',
        amountCents: counted,
        denominations: counts,
        approval,
        author,
      });
      onClosed(t('closed'));
    } catch (err) {
      onError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card close-shift" aria-label={t('close')}>
      <h2>{t('close')}</h2>
      {denominations && (
        <SegmentedChoice
          label={c('howCount')}
          options={[
            ['count', c('byDenomination')],
            ['total', c('byTotal')],
          ]}
          value={mode}
          onChange={setMode}
        />
      )}
      <form
        className="close-form"
        onSubmit={(e) => {
          e.preventDefault();
          void close();
        }}
      >
        {mode === 'count' && denominations ? (
          <DenominationCounter denominations={denominations} texts={texts} onChange={setTexts} />
        ) : (
          <AmountField id="shift-counted" label={t('counted')} value={totalText} onChange={setTotalText} />
        )}
        {overShort !== null && (
          <p className={beyond ? 'warning' : 'hint'} data-testid="close-difference">
            {c('difference', { text: overShortText(t, overShort, money) })}
            {beyond && <> {c('beyondLimit', { limit: money(limitCents) })}</>}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {beyond ? c('needsApproval') : t('closeShift')}
        </button>
      </form>
    </section>
  );
}
