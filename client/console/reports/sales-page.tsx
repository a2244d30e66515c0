import { useState } from 'react';
import { Link } from 'wouter';
import {
  explorerGroups,
  type ExplorerGroup,
  type ExplorerResponse,
  type ExplorerRow,
  ticketTenders,
  type TicketDetail,
  type TicketTender,
  type TicketsResponse,
} from '../../../shared/console/reports-sales';
import { addDays } from '../../../shared/console/reports-time';
import { useBranches } from '../api/use-branches';
import { useT, type Translate } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import { useProductCounting } from '../api/use-product-counting';
import type { Counted } from '../../../shared/sale/stock-quantity';
import { useLiveQuery } from '../live/use-live-query';
import { useApi } from '../session/session-context';
import { ErrorNotice } from '../ui/error-notice';
import { downloadCsv } from '../ui/download-csv';
import { DataTable, GridTable } from '../ui/grid-table';
import { PageSection } from '../ui/page-section';
import { choices, SelectField } from '../ui/select-field';
import { TextField } from '../ui/text-field';
import { drillFilter } from './drill-filter';
import { salesMessages } from './sales-messages';
import { TicketApprovals } from './ticket-approvals';
import { TicketExchange } from './ticket-exchange';
import './reports.css';

type T = Translate<keyof (typeof salesMessages)['es']>;
type Filter = Parameters<typeof drillFilter>[0];

const today = () => new Date().toLocaleDateString('sv-SE');

/** The sales explorer: filters, a grouping, SVG bars and a table, drill-down to tickets and receipts, CSV. */
export default function SalesPage() {
  const t = useT(salesMessages);
  const api = useApi();
  const { branches, data: branchList } = useBranches();
  const [branch, setBranch] = useState('');
  const [from, setFrom] = useState(() => addDays(today(), -6));
  const [to, setTo] = useState(today);
  const [groupBy, setGroupBy] = useState<ExplorerGroup>('day');
  const [tender, setTender] = useState('');
  const [refundsOnly, setRefundsOnly] = useState(false);
  const [drill, setDrill] = useState<{ label: string; filter: Filter } | null>(null);

  // A report never adds two currencies up: with branches selling in several, "all branches" is asked per currency.
  // The first listed branch's currency comes first, and is the one shown until the manager picks another.
  const currencies = [...new Set(branches.map((b) => b.currency))];
  const allChoice = currencies.length > 1 ? `currency:${currencies[0]}` : '';
  const chosen = branch || allChoice;
  const branchIds = chosen.startsWith('currency:')
    ? branches
        .filter((b) => b.currency === chosen.slice('currency:'.length))
        .map((b) => b.id)
        .join(',')
    : chosen;
  const filter: Filter = {
    from,
    to,
    ...(branchIds ? { branches: branchIds } : {}),
    ...(tender ? { tender: tender as Filter['tender'] } : {}),
    ...(refundsOnly ? { refundsOnly: true } : {}),
  };
  // Asked once the branches are known: before, "all branches" could mix currencies.
  const branchesKnown = branchList !== undefined;
  const explorer = useLiveQuery(
    `reports:sales:${branchesKnown}:${JSON.stringify(filter)}:${groupBy}`,
    (signal) =>
      branchesKnown
        ? api.get<ExplorerResponse>('/api/console/reports/sales', { ...filter, groupBy }, signal)
        : new Promise<ExplorerResponse>(() => undefined),
    { collections: ['sales'] },
  );
  const data = explorer.data;
  const f = useFormat({ currency: data?.currency });
  const groupName = t(groupBy);
  // By product, each row's units are in that product's unit (a weighed product's grams as kg).
  const counting = useProductCounting(groupBy === 'product' ? (data?.rows.map((r) => r.key) ?? []) : []);
  const byProduct = groupBy === 'product' ? counting : null;
  const open = (row: ExplorerRow) =>
    setDrill({ label: labelOf(t, groupBy, row), filter: drillFilter(filter, groupBy, row.key) });

  return (
    <PageSection
      titleId="sales-title"
      title={t('title')}
      actions={
        <>
          <Link href="/sales/manual" className="button-link">
            {t('manualSale')}
          </Link>
          {data && data.rows.length > 0 && (
            <button type="button" onClick={() => void exportCsv(t, groupName, data, byProduct)}>
              {t('exportCsv')}
            </button>
          )}
        </>
      }
    >
      <p className="hint">{t('intro')}</p>
      <div className="filters">
        {branches.length > 1 && (
          <BranchChoice t={t} branches={branches} currencies={currencies} value={chosen} onChange={setBranch} />
        )}
        <TextField
          label={t('from')}
          type="date"
          value={from}
          max={to}
          onChange={(e) => e.target.value && setFrom(e.target.value)}
        />
        <TextField
          label={t('to')}
          type="date"
          value={to}
          min={from}
          onChange={(e) => e.target.value && setTo(e.target.value)}
        />
        <SelectField
          label={t('groupBy')}
          value={groupBy}
          onChange={(v) => setGroupBy(v as ExplorerGroup)}
          options={choices(explorerGroups, (g) => t(g))}
        />
        <SelectField label={t('tender')} value={tender} onChange={setTender}>
          <option value="">{t('anyTender')}</option>
          <option value="cash">{t('cash')}</option>
          <option value="card">{t('card')}</option>
          <option value="mixed">{t('mixed')}</option>
          <option value="exchange">{t('exchange')}</option>
        </SelectField>
        <label className="check">
          <input type="checkbox" checked={refundsOnly} onChange={(e) => setRefundsOnly(e.target.checked)} />
          {t('refundsOnly')}
        </label>
      </div>
      <ErrorNotice error={explorer.error} />
      {data && data.rows.length === 0 && <p className="hint">{t('none')}</p>}
      {data && data.rows.length > 0 && (
        <>
          <Bars
            t={t}
            rows={data.rows}
            groupName={groupName}
            label={(r) => labelOf(t, groupBy, r)}
            money={f.money}
            onPick={open}
          />
          <ExplorerTable
            t={t}
            data={data}
            groupBy={groupBy}
            groupName={groupName}
            byProduct={byProduct}
            onOpen={open}
          />
        </>
      )}
      {drill && (
        <Tickets
          t={t}
          label={drill.label}
          filter={drill.filter}
          currency={data?.currency}
          onClose={() => setDrill(null)}
        />
      )}
    </PageSection>
  );
}

/** All branches (per currency when they sell in several), or one. */
function BranchChoice(props: {
  t: T;
  branches: { id: string; name: string }[];
  currencies: string[];
  value: string;
  onChange: (v: string) => void;
}) {
  const { t, branches, currencies, value, onChange } = props;
  return (
    <SelectField label={t('branch')} value={value} onChange={onChange}>
      {currencies.length > 1 ? (
        currencies.map((c) => (
          <option key={c} value={`currency:${c}`}>
            {t('allBranchesIn', { currency: c })}
          </option>
        ))
      ) : (
        <option value="">{t('allBranches')}</option>
      )}
      {branches.map((b) => (
        <option key={b.id} value={b.id}>
          {b.name}
        </option>
      ))}
    </SelectField>
  );
}

/** The groups with their amounts; a group's label drills into its tickets. */
function ExplorerTable({
  t,
  data,
  groupBy,
  groupName,
  byProduct,
  onOpen,
}: {
  t: T;
  data: ExplorerResponse;
  groupBy: ExplorerGroup;
  groupName: string;
  byProduct: ((id: string) => Counted) | null;
  onOpen: (row: ExplorerRow) => void;
}) {
  const f = useFormat({ currency: data.currency });
  return (
    <GridTable
      labelledBy="sales-title"
      columns={totalsColumns(t, groupName, byProduct !== null)}
      foot={
        <tr aria-label={t('totals')}>
          <th scope="row">{t('totals')}</th>
          <Amounts
            row={data.totals}
            money={f.money}
            number={f.number}
            units={byProduct && weighsAny(data, byProduct) ? () => '—' : f.number}
          />
        </tr>
      }
    >
      {data.rows.map((r) => (
        <tr key={r.key}>
          <th scope="row">
            <button
              type="button"
              className="link"
              onClick={() => onOpen(r)}
              aria-label={t('showTickets', { label: labelOf(t, groupBy, r) })}
            >
              {labelOf(t, groupBy, r)}
            </button>
          </th>
          <Amounts
            row={r}
            money={f.money}
            number={f.number}
            units={
              byProduct ? (v) => f.quantity(v, byProduct(r.key).quantityDecimals, byProduct(r.key).unit) : f.number
            }
          />
        </tr>
      ))}
    </GridTable>
  );
}

/**
 * The explorer table's header: the group, then the totals' columns. By product the units column is each product's
 * quantity; otherwise articles (a weighed line is one).
 */
function totalsColumns(t: T, groupName: string, byProduct: boolean): string[] {
  const keys = ['gross', 'discounts', 'tax', 'net', 'total', 'units', 'tickets', 'refunds'] as const;
  return [groupName, ...keys.map((k) => (k === 'units' && byProduct ? t('quantity') : t(k)))];
}

function labelOf(t: T, groupBy: ExplorerGroup, row: ExplorerRow): string {
  return groupBy === 'tender' && (ticketTenders as readonly string[]).includes(row.key)
    ? t(row.key as TicketTender)
    : row.label;
}

/**
 * Whether a product grouping has a weighed product: its rows' quantities (kg) do not add up to the
 * totals' articles, so the total of that column is left out.
 */
function weighsAny(data: ExplorerResponse, counting: (id: string) => Counted): boolean {
  return data.rows.some((r) => counting(r.key).unit !== 'each' || counting(r.key).quantityDecimals > 0);
}

function Amounts({
  row,
  money,
  number,
  units,
}: {
  row: ExplorerResponse['totals'];
  money: (v: number) => string;
  number: (v: number) => string;
  units: (v: number) => string;
}) {
  return (
    <>
      <td className="num-cell">{money(row.grossCents)}</td>
      <td className="num-cell">{money(row.discountCents)}</td>
      <td className="num-cell">{money(row.taxCents)}</td>
      <td className="num-cell">{money(row.netCents)}</td>
      <td className="num-cell">{money(row.totalCents)}</td>
      <td className="num-cell">{units(row.units)}</td>
      <td className="num-cell">{number(row.tickets)}</td>
      <td className="num-cell">{number(row.refunds)}</td>
    </>
  );
}

/** Small SVG bars of each group's total; each bar is a button that drills into its tickets. */
function Bars(props: {
  t: T;
  rows: ExplorerRow[];
  groupName: string;
  label: (r: ExplorerRow) => string;
  money: (v: number) => string;
  onPick: (r: ExplorerRow) => void;
}) {
  const { t, rows, groupName, label, money, onPick } = props;
  const shown = rows.slice(0, 31);
  const max = Math.max(1, ...shown.map((r) => Math.abs(r.totalCents)));
  return (
    <figure className="bars" aria-label={t('chart', { group: groupName })}>
      {shown.map((r) => (
        <button key={r.key} type="button" className="bar" onClick={() => onPick(r)}>
          <span className="visually-hidden">{t('showTicketsOf')} </span>
          <span className="bar-label">{label(r)}</span>
          <svg width="100%" height="20" viewBox="0 0 100 20" preserveAspectRatio="none" aria-hidden="true">
            <rect
              x="0"
              y="2"
              height="16"
              width={(Math.abs(r.totalCents) / max) * 100}
              fill={r.totalCents < 0 ? '#b3261e' : '#1b7f3a'}
            />
          </svg>
          <span className="bar-value">{money(r.totalCents)}</span>
        </button>
      ))}
    </figure>
  );
}

function Tickets(props: { t: T; label: string; filter: Filter; currency?: string; onClose: () => void }) {
  const { t, label, filter, currency, onClose } = props;
  const api = useApi();
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [opened, setOpened] = useState<string | null>(null);
  const page = useLiveQuery(
    `reports:tickets:${JSON.stringify(filter)}:${cursor ?? ''}`,
    (signal) =>
      api.get<TicketsResponse>('/api/console/reports/sales/tickets', { ...filter, cursor, limit: 50 }, signal),
    { collections: ['sales'] },
  );
  const f = useFormat({ currency });
  return (
    <section className="card" aria-labelledby="tickets-title">
      <div className="page-head">
        <h2 id="tickets-title">{t('ticketsOf', { label })}</h2>
        <button type="button" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      <ErrorNotice error={page.error} />
      {page.data && (
        <DataTable columns={[t('receipt'), t('time'), t('branch'), t('cashier'), t('tender'), t('total')]}>
          {page.data.tickets.map((ticket) => (
            <tr key={ticket.id}>
              <th scope="row">
                <button
                  type="button"
                  className="link"
                  onClick={() => setOpened(ticket.id)}
                  aria-label={t('open', { receipt: ticket.receiptNumber })}
                >
                  {ticket.receiptNumber}
                </button>
                {ticket.kind === 'refund' && <span className="badge warning">{t('refund')}</span>}
              </th>
              <td>{f.dateTime(ticket.soldAt)}</td>
              <td>{ticket.branchName}</td>
              <td>{ticket.cashierName}</td>
              <td>{t(ticket.tender)}</td>
              <td className="num-cell">{f.money(ticket.kind === 'refund' ? -ticket.totalCents : ticket.totalCents)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {page.data?.nextCursor && (
        <button type="button" onClick={() => setCursor(page.data!.nextCursor ?? undefined)}>
          {t('more')}
        </button>
      )}
      {opened && <Receipt t={t} id={opened} onOpen={setOpened} onClose={() => setOpened(null)} />}
    </section>
  );
}

function Receipt({ t, id, onOpen, onClose }: { t: T; id: string; onOpen: (id: string) => void; onClose: () => void }) {
  const api = useApi();
  const ticket = useLiveQuery(
    `reports:ticket:${id}`,
    (signal) => api.get<TicketDetail>(`/api/console/reports/tickets/${encodeURIComponent(id)}`, {}, signal),
    { collections: [] },
  );
  const d = ticket.data;
  const f = useFormat({ currency: d?.currency });
  // Weighed products in their unit ("1,250 kg"), not raw grams.
  const counting = useProductCounting([...(d?.lines ?? []), ...(d?.movements ?? [])].map((l) => l.productId));
  const quantity = (q: number, productId: string) => {
    const c = counting(productId);
    return f.quantity(q, c.quantityDecimals, c.unit);
  };
  const lineName = new Map(d?.lines.map((l) => [l.productId, l.name]));
  return (
    <section className="card receipt" aria-labelledby="receipt-title">
      <div className="page-head">
        <h3 id="receipt-title">
          {d ? `${d.kind === 'refund' ? t('refund') : t('sale')} ${d.receiptNumber}` : t('receipt')}
        </h3>
        <button type="button" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      <ErrorNotice error={ticket.error} />
      {d && (
        <>
          {d.receiptHeader && <p className="receipt-text">{d.receiptHeader}</p>}
          <p>
            {d.branchName} · {d.deviceName} · {d.cashierName} · {f.dateTime(d.soldAt)}
          </p>
          <DataTable
            caption={t('lines')}
            columns={[t('product'), t('quantity'), t('price'), t('discounts'), t('total'), t('master')]}
          >
            {d.lines.map((l) => (
              <tr key={l.lineNo}>
                <th scope="row">{l.name}</th>
                <td className="num-cell">{f.quantity(l.quantity, l.quantityDecimals, l.unit)}</td>
                <td className="num-cell">{f.money(l.unitPriceCents)}</td>
                <td className="num-cell">{f.money(l.discountCents)}</td>
                <td className="num-cell">{f.money(l.lineTotalCents)}</td>
                <td className="num-cell">{l.masterUnitCents === null ? '—' : f.money(l.masterUnitCents)}</td>
              </tr>
            ))}
          </DataTable>
          <p className="strong">
            {t('total')}: {f.money(d.totalCents)} · {t('tax')}: {f.money(d.taxes.reduce((s, x) => s + x.taxCents, 0))}
          </p>
          <p>
            {t('payments')}: {d.payments.map((p) => `${t(p.method)} ${f.money(p.amountCents)}`).join(', ')}
          </p>
          <TicketExchange ticket={d} onOpen={onOpen} />
          <TicketApprovals ticket={d} />
          <h4>{t('movements')}</h4>
          <ul className="reasons">
            {d.movements.map((m) => (
              <li key={m.id}>
                {t('movement', {
                  product: lineName.get(m.productId) ?? m.productId,
                  delta: quantity(m.delta, m.productId),
                  kind: m.kind === 'refund' ? t('refund') : t('sale'),
                })}
              </li>
            ))}
          </ul>
          {d.receiptFooter && <p className="receipt-text">{d.receiptFooter}</p>}
        </>
      )}
    </section>
  );
}

/**
 * The view as CSV. By product, the units are in each product's unit with its decimals (2.500 for
 * 2,5 kg) and a column names the unit; the header says so.
 */
async function exportCsv(
  t: T,
  groupName: string,
  data: ExplorerResponse,
  byProduct: ((id: string) => Counted) | null,
): Promise<void> {
  const amount = (cents: number) => (cents / 100).toFixed(2);
  const inUnit = (q: number, c: Counted) => (q / 10 ** c.quantityDecimals).toFixed(c.quantityDecimals);
  const mixed = byProduct !== null && weighsAny(data, byProduct);
  const unitColumns = (key: string | null, units: number) => {
    if (!byProduct) return [units];
    const c = key === null ? (mixed ? null : byProduct(data.rows[0]!.key)) : byProduct(key);
    return c ? [inUnit(units, c), t(`unit_${c.unit}`)] : ['', ''];
  };
  const line = (name: string, r: ExplorerResponse['totals'], key: string | null) => [
    name,
    amount(r.grossCents),
    amount(r.discountCents),
    amount(r.taxCents),
    amount(r.netCents),
    amount(r.totalCents),
    ...unitColumns(key, r.units),
    r.tickets,
    r.refunds,
  ];
  await downloadCsv(`ventas-${data.groupBy}`, {
    fields: [
      groupName,
      t('gross'),
      t('discounts'),
      t('tax'),
      t('net'),
      t('total'),
      ...(byProduct ? [t('unitsInProductUnit'), t('productUnit')] : [t('units')]),
      t('tickets'),
      t('refunds'),
    ],
    data: [...data.rows.map((r) => line(r.label, r, r.key)), line(t('totals'), data.totals, null)],
  });
}
