import { useMemo, useState } from 'react';
import { map } from 'rxjs';
import { shiftReport } from '../../../shared/sale/shift-report';
import type { PosDatabase, SaleRow, ShiftEventRow } from '../../sync/collections';
import { openShift, recordShiftEvent, type Author } from '../../sync/device-documents';
import type { DevicePairing } from '../../sync/device-pairing';
import type { PendingSummary } from '../../sync/displayed-stock-view';
import { INTL_LOCALE, useI18n, useT } from '../i18n';
import { useObservable } from '../use-observable';
import { parseAmountToCents } from './parse-amount';
import { shiftMessages } from './shift-messages';
import { ShiftReportView } from './ShiftReportView';

function AmountField({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <label htmlFor={id} className="field">
      {label}
      <input id={id} inputMode="decimal" autoComplete="off" value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

/** Open with a float, cash in/out with a reason, close with the cash counted: all offline. */
export function ShiftScreen({
  db,
  pairing,
  shiftId,
  events,
  author,
  pending,
  money,
}: {
  db: PosDatabase;
  pairing: DevicePairing;
  shiftId: string | null;
  events: ShiftEventRow[];
  author: Author;
  pending: PendingSummary;
  money: (c: number) => string;
}) {
  const t = useT(shiftMessages);
  const { locale } = useI18n();
  const [floatText, setFloatText] = useState('');
  const [moveKind, setMoveKind] = useState<'cash_in' | 'cash_out'>('cash_in');
  const [moveText, setMoveText] = useState('');
  const [reason, setReason] = useState('');
  const [countedText, setCountedText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // The shift shown: the open one, or else the last one this device closed.
  const shownShiftId =
    shiftId ??
    [...events]
      .sort((a, b) => a.at.localeCompare(b.at))
      .filter((e) => e.kind === 'close')
      .at(-1)?.shiftId ??
    null;
  const sales$ = useMemo(
    () =>
      shownShiftId
        ? db.sales
            .find({ selector: { shiftId: shownShiftId, deviceId: pairing.deviceId } })
            .$.pipe(map((d) => d.map((x) => x.toJSON() as SaleRow)))
        : null,
    [db, shownShiftId, pairing],
  );
  const sales = useObservable(sales$, [] as SaleRow[]);
  const shiftEvents = events.filter((e) => e.shiftId === shownShiftId);
  const report = shownShiftId ? shiftReport(shownShiftId, shiftEvents, sales) : null;

  /** `done`: what to confirm, or null where the screen itself now says it. */
  async function act(run: () => Promise<unknown>, done: string | null) {
    setError(null);
    try {
      await run();
      setNotice(done);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  function amountOrError(text: string): number | null {
    const cents = parseAmountToCents(text);
    if (cents === null) setError(t('badAmount'));
    return cents;
  }

  const time = (iso: string) =>
    new Date(iso).toLocaleTimeString(INTL_LOCALE[locale], { hour: '2-digit', minute: '2-digit' });

  return (
    <main className="screen shift-screen" aria-labelledby="shift-title">
      <h1 id="shift-title">{t('title')}</h1>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {notice && !error && (
        <p role="status" className="notice ok">
          {notice}
        </p>
      )}
      {!shiftId ? (
        <section className="card" aria-label={t('open')}>
          <p>{t('noShift')}</p>
          <form
            className="row-form"
            onSubmit={(e) => {
              e.preventDefault();
              const cents = amountOrError(floatText);
              if (cents === null) return;
              void act(() => openShift(db, pairing, cents, author), null).then(() => setFloatText(''));
            }}
          >
            <AmountField id="shift-float" label={t('float')} value={floatText} onChange={setFloatText} />
            <button type="submit" className="primary">
              {t('open')}
            </button>
          </form>
        </section>
      ) : (
        <>
          <p className="hint" data-testid="shift-open">
            {t('openShift')} ·{' '}
            {(() => {
              const open = shiftEvents.find((e) => e.kind === 'open');
              return open ? t('openSince', { name: open.cashierName, time: time(open.at) }) : '';
            })()}
          </p>
          <div className="shift-grid">
            <section className="card" aria-label={t('cashMoves')}>
              <h2>{t('cashMoves')}</h2>
              <div role="radiogroup" aria-label={t('cashMoves')} className="segmented">
                {(['cash_in', 'cash_out'] as const).map((k) => (
                  <button
                    key={k}
                    type="button"
                    role="radio"
                    aria-checked={moveKind === k}
                    onClick={() => setMoveKind(k)}
                  >
                    {k === 'cash_in' ? t('cashIn') : t('cashOut')}
                  </button>
                ))}
              </div>
              <form
                className="row-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  const cents = amountOrError(moveText);
                  if (cents === null) return;
                  if (!reason.trim()) return setError(t('needReason'));
                  void act(
                    () =>
                      recordShiftEvent(db, pairing, {
                        shiftId,
                        kind: moveKind,
                        amountCents: cents,
                        reason: reason.trim(),
                        author,
                      }),
                    t('recorded'),
                  ).then(() => {
                    setMoveText('');
                    setReason('');
                  });
                }}
              >
                <AmountField id="move-amount" label={t('amount')} value={moveText} onChange={setMoveText} />
                <label htmlFor="move-reason" className="field">
                  {t('reason')}
                  <input id="move-reason" maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />
                </label>
                <button type="submit" className="primary">
                  {t('record')}
                </button>
              </form>
              <ul className="moves">
                {shiftEvents
                  .filter((e) => e.kind === 'cash_in' || e.kind === 'cash_out')
                  .map((e) => (
                    <li key={e.id}>
                      {time(e.at)} · {e.kind === 'cash_in' ? t('cashIn') : t('cashOut')} {money(e.amountCents)} ·{' '}
                      {e.reason}
                    </li>
                  ))}
              </ul>
            </section>
            <section className="card" aria-label={t('close')}>
              <h2>{t('close')}</h2>
              <form
                className="row-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  const cents = amountOrError(countedText);
                  if (cents === null) return;
                  void act(
                    () => recordShiftEvent(db, pairing, { shiftId, kind: 'close', amountCents: cents, author }),
                    t('closed'),
                  ).then(() => setCountedText(''));
                }}
              >
                <AmountField id="shift-counted" label={t('counted')} value={countedText} onChange={setCountedText} />
                <button type="submit" className="primary">
                  {t('closeShift')}
                </button>
              </form>
            </section>
          </div>
        </>
      )}
      {report && <ShiftReportView report={report} money={money} title={shiftId ? t('report') : t('lastReport')} />}
      {report?.status === 'closed' && (
        <p role="status" data-testid="unsynced" className={pending.count > 0 ? 'warning' : 'notice ok'}>
          {pending.count > 0 ? t('unsynced', { count: pending.count }) : t('allSynced')}
        </p>
      )}
    </main>
  );
}
