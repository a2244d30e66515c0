import { useMemo, useState } from 'react';
import { map } from 'rxjs';
import { shiftReport } from '../../../shared/sale/shift-report';
import type { SaleRow, ShiftEventRow } from '../../sync/collections';
import { INTL_LOCALE, useI18n, useT } from '../i18n';
import { useSession } from '../session/session-context';
import { ScreenMessage, type ScreenMessageText } from '../ScreenMessage';
import { useObservable } from '../use-observable';
import { cashMessages } from './cash-messages';
import { CashMovesCard } from './CashMovesCard';
import { CloseShiftCard } from './CloseShiftCard';
import { NoSaleButton } from './NoSaleButton';
import { OpenShiftForm } from './OpenShiftForm';
import { shiftMessages } from './shift-messages';
import { ShiftPrintout } from './ShiftPrintout';
import { ShiftReportView } from './ShiftReportView';
import { useDevice } from '../session/device-context';
import './shift.css';

/** Until the branch's settings say otherwise: 20.00, as the centre's default (server/reports/report-settings.ts). */
const DEFAULT_LIMIT_CENTS = 2000;

/** The shift shown: the open one, or else the last one this device closed. */
function shownShift(shiftId: string | null, events: ShiftEventRow[]): string | null {
  if (shiftId) return shiftId;
  const closes = events.filter((e) => e.kind === 'close').sort((a, b) => a.at.localeCompare(b.at));
  return closes.at(-1)?.shiftId ?? null;
}

/** Open with a float, cash in/out, no-sale opens, X report, close by denomination with its Z report: all offline. */
export function ShiftScreen({ events }: { events: ShiftEventRow[] }) {
  const { db, pairing, ledger } = useDevice();
  const { shiftId, settings } = useSession();
  const t = useT(shiftMessages);
  const c = useT(cashMessages);
  const { locale } = useI18n();
  const [message, setMessage] = useState<ScreenMessageText | null>(null);
  // Each tap on print: the report is shown and sent to the printer again.
  const [printRequest, setPrintRequest] = useState(0);
  const say = (text: string, failed: boolean) => setMessage({ text, alert: failed });

  const shownShiftId = shownShift(shiftId, events);
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
  const closeEvent = shiftEvents.filter((e) => e.kind === 'close').at(-1) ?? null;
  const time = (iso: string) =>
    new Date(iso).toLocaleTimeString(INTL_LOCALE[locale], { hour: '2-digit', minute: '2-digit' });
  const open = shiftEvents.find((e) => e.kind === 'open');

  return (
    <main className="screen shift-screen" aria-labelledby="shift-title">
      <h1 id="shift-title">{t('title')}</h1>
      {message && <ScreenMessage message={message} />}
      {!shiftId ? (
        <section className="card" aria-label={t('open')}>
          <p>{t('noShift')}</p>
          <OpenShiftForm />
        </section>
      ) : (
        <>
          <div className="row shift-head">
            <p className="hint" data-testid="shift-open">
              {t('openShift')} · {open ? t('openSince', { name: open.cashierName, time: time(open.at) }) : ''}
            </p>
            <NoSaleButton shiftId={shiftId} onDone={say} />
          </div>
          <div className="shift-grid">
            <CashMovesCard shiftId={shiftId} events={shiftEvents} time={time} onResult={say} />
            {report && (
              <CloseShiftCard
                report={report}
                limitCents={settings?.maxCashDifferenceCents ?? DEFAULT_LIMIT_CENTS}
                onError={(text) => say(text, true)}
                onClosed={(text) => say(text, false)}
              />
            )}
          </div>
        </>
      )}
      {report && (
        <ShiftReportView
          report={report}
          title={shiftId ? t('report') : t('lastReport')}
          printLabel={report.status === 'closed' ? c('printZ') : c('printX')}
          onPrint={() => setPrintRequest((n) => n + 1)}
        />
      )}
      {report && printRequest > 0 && (
        <ShiftPrintout report={report} closeEvent={closeEvent} printRequest={printRequest} />
      )}
      {report?.status === 'closed' && (
        <p role="status" data-testid="unsynced" className={ledger.pending.count > 0 ? 'warning' : 'notice ok'}>
          {ledger.pending.count > 0 ? t('unsynced', { count: ledger.pending.count }) : t('allSynced')}
        </p>
      )}
    </main>
  );
}
