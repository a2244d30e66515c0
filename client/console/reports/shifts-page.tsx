import { useState } from 'react';
import type { ReportSettings, ShiftRow, ShiftsReportResponse } from '../../../shared/console/reports-shifts';
import { parseAmountToCents } from '../../../shared/sale/cart-math';
import { useBranches } from '../api/use-branches';
import { useT, type Translate } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import { useLiveQuery } from '../live/use-live-query';
import { useApi } from '../session/session-context';
import { CheckField } from '../ui/check-list';
import { downloadCsv } from '../ui/download-csv';
import { ErrorNotice } from '../ui/error-notice';
import { GridTable } from '../ui/grid-table';
import { PageSection } from '../ui/page-section';
import { placeOptions, SelectField } from '../ui/select-field';
import { TextField } from '../ui/text-field';
import { NameWithDetail } from '../ui/name-with-detail';
import { ShiftCountedCell } from './shift-counted-cell';
import { shiftsMessages } from './shifts-messages';
import './reports.css';

type T = Translate<keyof (typeof shiftsMessages)['es']>;
/** The cash report's last columns, alike on the page and in the CSV file. */
const CASH_COLUMNS = ['cashIn', 'cashOut', 'noSale', 'expected', 'counted', 'overShort'] as const;

/** Shifts across branches: open ones live, closed ones with their cash report; the per-branch difference limit. */
export default function ShiftsPage() {
  const t = useT(shiftsMessages);
  const api = useApi();
  const { branches } = useBranches();
  const [branch, setBranch] = useState('');
  const [status, setStatus] = useState<'all' | 'open' | 'closed'>('all');
  const query = { ...(branch ? { branches: branch } : {}), status, limit: 200 };
  const shifts = useLiveQuery(
    `reports:shifts:${JSON.stringify(query)}`,
    (signal) => api.get<ShiftsReportResponse>('/api/console/reports/shifts', query, signal),
    // Tablets' shift events open and close shifts; their sales move the cash.
    { collections: ['shifts', 'sales'] },
  );
  const f = useFormat();
  const rows = shifts.data?.shifts ?? [];
  return (
    <PageSection
      titleId="shifts-title"
      title={t('title')}
      actions={
        rows.length > 0 && (
          <button type="button" onClick={() => void exportCsv(t, rows)}>
            {t('exportCsv')}
          </button>
        )
      }
    >
      <p className="hint">{t('intro')}</p>
      <div className="filters">
        {branches.length > 1 && (
          <SelectField
            label={t('branch')}
            value={branch}
            onChange={setBranch}
            all={t('allBranches')}
            options={placeOptions(branches)}
          />
        )}
        <SelectField label={t('status')} value={status} onChange={(v) => setStatus(v as typeof status)}>
          <option value="all">{t('all')}</option>
          <option value="open">{t('open')}</option>
          <option value="closed">{t('closed')}</option>
        </SelectField>
      </div>
      <ErrorNotice error={shifts.error} />
      {shifts.data && rows.length === 0 && <p className="hint">{t('none')}</p>}
      {rows.length > 0 && (
        <GridTable
          labelledBy="shifts-title"
          columns={[
            t('cashier'),
            t('openedAt'),
            t('closedAt'),
            t('float'),
            t('cashSales'),
            ...CASH_COLUMNS.map((k) => t(k)),
          ]}
        >
          {rows.map((s) => {
            const money = (v: number) => f.money(v, s.currency);
            return (
              <tr key={s.shiftId} aria-label={`${s.cashierName} ${s.deviceName}`}>
                <th scope="row">
                  <NameWithDetail name={s.cashierName} detail={`${s.branchName} · ${s.deviceName}`} />
                </th>
                <td>{s.openedAt ? f.dateTime(s.openedAt) : '—'}</td>
                <td>{s.closedAt ? f.dateTime(s.closedAt) : <span className="badge ok">{t('stillOpen')}</span>}</td>
                <td className="num-cell">{money(s.floatCents)}</td>
                <td className="num-cell">{money(s.cashSalesCents - s.cashRefundsCents)}</td>
                <td className="num-cell">{money(s.cashInCents)}</td>
                <td className="num-cell">{money(s.cashOutCents)}</td>
                <td className="num-cell">{s.noSaleCount}</td>
                <td className="num-cell">{money(s.expectedCashCents)}</td>
                <td className="num-cell">
                  <ShiftCountedCell shift={s} money={money} label={t('denominations')} />
                </td>
                <td className="num-cell">
                  {s.overShortCents === null ? '—' : money(s.overShortCents)}
                  {s.overLimit && <span className="badge warning">{t('overLimit')}</span>}
                </td>
              </tr>
            );
          })}
        </GridTable>
      )}
      <Limits t={t} />
    </PageSection>
  );
}

function Limits({ t }: { t: T }) {
  const api = useApi();
  const { branches } = useBranches();
  const settings = useLiveQuery(
    'reports:settings',
    (signal) => api.get<{ settings: ReportSettings[] }>('/api/console/reports/settings', {}, signal),
    { collections: ['settings'] },
  );
  return (
    <section className="card" aria-labelledby="limits-title">
      <h2 id="limits-title">{t('limitTitle')}</h2>
      <ErrorNotice error={settings.error} />
      {settings.data?.settings.map((s) => (
        <LimitForm
          key={s.branchId}
          t={t}
          setting={s}
          branchName={branches.find((b) => b.id === s.branchId)?.name ?? s.branchId}
          currency={branches.find((b) => b.id === s.branchId)?.currency}
          requireOpenShift={branches.find((b) => b.id === s.branchId)?.settings.requireOpenShift ?? false}
          onSaved={settings.reload}
        />
      ))}
    </section>
  );
}

function LimitForm(props: {
  t: T;
  setting: ReportSettings;
  branchName: string;
  currency?: string;
  requireOpenShift: boolean;
  onSaved: () => void;
}) {
  const { t, setting, branchName, onSaved } = props;
  const api = useApi();
  const [text, setText] = useState((setting.maxCashDifferenceCents / 100).toFixed(2));
  const [requireShift, setRequireShift] = useState(props.requireOpenShift);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const id = `limit-${setting.branchId}`;
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        const cents = parseAmountToCents(text);
        if (cents === null || cents < 0) {
          setMessage({ ok: false, text: t('badLimit') });
          return;
        }
        setError(null);
        const branchPath = encodeURIComponent(setting.branchId);
        api
          .patch(`/api/console/reports/settings/${branchPath}`, { maxCashDifferenceCents: cents })
          .then(() =>
            requireShift === props.requireOpenShift
              ? undefined
              : api.patch(`/api/console/branches/${branchPath}/settings`, { requireOpenShift: requireShift }),
          )
          .then(() => {
            setMessage({ ok: true, text: t('saved', { branch: branchName }) });
            onSaved();
          }, setError);
      }}
    >
      <TextField
        label={t('limitFor', { branch: branchName })}
        id={id}
        inputMode="decimal"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <CheckField label={t('requireShift', { branch: branchName })} checked={requireShift} onChange={setRequireShift} />
      <button type="submit">{t('save')}</button>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'field-error'}>
          {message.text}
        </p>
      )}
      <ErrorNotice error={error} />
    </form>
  );
}

async function exportCsv(t: T, rows: ShiftRow[]): Promise<void> {
  const amount = (cents: number | null) => (cents === null ? '' : (cents / 100).toFixed(2));
  await downloadCsv('turnos', {
    fields: [
      t('branch'),
      t('device'),
      t('cashier'),
      t('openedAt'),
      t('closedAt'),
      t('float'),
      t('cashSales'),
      t('cardSales'),
      t('cashRefunds'),
      ...CASH_COLUMNS.map((k) => t(k)),
    ],
    data: rows.map((s) => [
      s.branchName,
      s.deviceName,
      s.cashierName,
      s.openedAt ?? '',
      s.closedAt ?? '',
      amount(s.floatCents),
      amount(s.cashSalesCents),
      amount(s.cardSalesCents),
      amount(s.cashRefundsCents),
      amount(s.cashInCents),
      amount(s.cashOutCents),
      s.noSaleCount,
      amount(s.expectedCashCents),
      amount(s.countedCashCents),
      amount(s.overShortCents),
    ]),
  });
}
