import { useState } from 'react';
import { Link, useSearch } from 'wouter';
import type { ConsoleProductView } from '../../../shared/console/catalogue';
import type { MovementRow, Page } from '../../../shared/console/ledger-api';
import { zonedLocalToIso } from '../../../shared/console/reports-time';
import { ADJUSTMENT_REASONS, type AdjustmentReason, type StockAsOfResponse } from '../../../shared/console/stock';
import { MAX_STOCK_QUANTITY, parseQuantityIn } from '../../../shared/sale/quantity';
import type { Counted } from '../../../shared/sale/stock-quantity';
import { usePlaces } from '../api/use-places';
import { useT } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import { useLivePages } from '../live/use-live-pages';
import { useLiveQuery } from '../live/use-live-query';
import { useApi, useManager } from '../session/session-context';
import { DoneNotice } from '../ui/done-notice';
import { ErrorNotice } from '../ui/error-notice';
import { GridTable } from '../ui/grid-table';
import { LoadMore } from '../ui/load-more';
import { SelectField } from '../ui/select-field';
import { TextField } from '../ui/text-field';
import { describeMovement } from './describe-movement';
import { StockHistorySection } from './stock-history-section';
import { stockMessages } from './stock-messages';
import { FormProblem } from '../ui/form-problem';

const KNOWN_KINDS = [
  'sale',
  'refund',
  'receipt',
  'transfer_out',
  'transfer_in',
  'correction',
  'count_adjustment',
  'initial',
];

/** A product's ledger at a location: every movement (who, what, when, why), stock as of a moment, adjust, receive. */
export default function LedgerPage() {
  const t = useT(stockMessages);
  const api = useApi();
  const params = new URLSearchParams(useSearch());
  const locationId = params.get('locationId') ?? '';
  const productId = params.get('productId') ?? '';
  const { placeName, branchOfLocation } = usePlaces();
  const branch = branchOfLocation(locationId);
  const timeZone = branch?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const f = useFormat({ currency: branch?.currency, timeZone });
  const product = useLiveQuery(
    `ledger-product:${productId}`,
    (s) => api.get<ConsoleProductView>(`/api/console/products/${encodeURIComponent(productId)}`, {}, s),
    { collections: ['products'] },
  );
  const movements = useLivePages<MovementRow>(
    `movements:${locationId}:${productId}`,
    (cursor, signal) =>
      api.get<Page<MovementRow>>('/api/console/movements', { locationId, productId, cursor, limit: 50 }, signal),
    ['stock'],
  );
  const name = product.data?.name ?? productId;
  // Weighed products in their unit ("1,250 kg"), not raw grams.
  const counted: Counted = product.data ?? { unit: 'each', quantityDecimals: 0 };
  const me = useManager();
  const managerName = (id: string) => (id === me.id ? me.name : undefined);
  const place = placeName(locationId);
  const kindName = (k: string) =>
    KNOWN_KINDS.includes(k) ? t(`kind_${k}` as 'kind_sale') : t('kind_other', { kind: k });

  return (
    <section className="page" aria-labelledby="ledger-title">
      <Link href="/stock">{t('back')}</Link>
      <div className="page-head">
        <h1 id="ledger-title">{t('ledgerTitle', { product: name, place })}</h1>
      </div>
      <ErrorNotice error={product.error} />
      <div className="columns">
        <AsOfForm locationId={locationId} productId={productId} timeZone={timeZone} counted={counted} />
        <AdjustForm locationId={locationId} productId={productId} counted={counted} />
        {locationId === 'central' || !branch ? (
          <ReceiveForm locationId={locationId} productId={productId} counted={counted} />
        ) : null}
      </div>
      <StockHistorySection
        locationId={locationId}
        productId={productId}
        product={name}
        place={place}
        timeZone={timeZone}
      />
      <h2 id="movements-title">{t('movements')}</h2>
      <ErrorNotice error={movements.error} />
      {movements.loaded && movements.items.length === 0 && <p className="hint">{t('noMovements')}</p>}
      {movements.items.length > 0 && (
        <GridTable labelledBy="movements-title" columns={[t('when'), t('kind'), t('delta'), t('who'), t('why')]}>
          {movements.items.map((m) => {
            const { who, why } = describeMovement(m, t, { manager: managerName, place: placeName });
            return (
              <tr key={m.id}>
                <th scope="row">{f.dateTime(m.createdAt)}</th>
                <td>{kindName(m.kind)}</td>
                <td className="num">{`${m.delta > 0 ? '+' : ''}${f.quantity(m.delta, counted.quantityDecimals, counted.unit)}`}</td>
                <td>{who}</td>
                <td>{why}</td>
              </tr>
            );
          })}
        </GridTable>
      )}
      <LoadMore list={movements} label={t('moreMovements')} />
    </section>
  );
}

function AsOfForm({
  locationId,
  productId,
  timeZone,
  counted,
}: {
  locationId: string;
  productId: string;
  timeZone: string;
  counted: Counted;
}) {
  const t = useT(stockMessages);
  const api = useApi();
  const f = useFormat({ timeZone });
  const [when, setWhen] = useState('');
  const [result, setResult] = useState<{ at: string; quantity: number } | null>(null);
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <form
      className="card form"
      noValidate
      aria-labelledby="asof-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(when)) return setInvalid(true);
        setInvalid(false);
        setError(null);
        const at = zonedLocalToIso(when, timeZone);
        api
          .get<StockAsOfResponse>('/api/console/stock/as-of', { locationId, productId, at })
          .then((r) => setResult({ at, quantity: r.items.find((i) => i.productId === productId)?.quantity ?? 0 }))
          .catch(setError);
      }}
    >
      <h2 id="asof-title">{t('asOf')}</h2>
      <TextField
        label={t('asOfWhen', { zone: timeZone })}
        id="asof-when"
        type="datetime-local"
        value={when}
        onChange={(e) => setWhen(e.target.value)}
      />
      <FormProblem>{invalid && t('whenInvalid')}</FormProblem>
      <ErrorNotice error={error} />
      <DoneNotice>
        {result &&
          t('asOfResult', {
            when: f.dateTime(result.at),
            quantity: f.quantity(result.quantity, counted.quantityDecimals, counted.unit),
          })}
      </DoneNotice>
      <div className="actions start">
        <button type="submit">{t('asOfButton')}</button>
      </div>
    </form>
  );
}

/** A signed quantity typed in the product's unit ("-0,250" kg is −250 g); null when it is not one, or 0. */
function signedQuantity(text: string, decimals: number): number | null {
  const m = /^([-+−]?)(.*)$/.exec(text.trim())!;
  const parsed = parseQuantityIn(m[2]!, decimals, MAX_STOCK_QUANTITY);
  if ('problem' in parsed || parsed.quantity === 0) return null;
  return m[1] === '-' || m[1] === '−' ? -parsed.quantity : parsed.quantity;
}

function AdjustForm({ locationId, productId, counted }: { locationId: string; productId: string; counted: Counted }) {
  const t = useT(stockMessages);
  const api = useApi();
  const f = useFormat();
  const [reason, setReason] = useState<AdjustmentReason>('waste');
  const [delta, setDelta] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<'delta' | 'sign' | 'note' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  return (
    <form
      className="card form"
      noValidate
      aria-labelledby="adjust-title"
      onSubmit={(e) => {
        e.preventDefault();
        setDone(null);
        const d = signedQuantity(delta, counted.quantityDecimals);
        if (d === null) return setProblem('delta');
        if ((['waste', 'damage', 'theft'].includes(reason) && d > 0) || (reason === 'found' && d < 0))
          return setProblem('sign');
        if (note.trim().length < 3) return setProblem('note');
        setProblem(null);
        setError(null);
        api
          .post<{ level: number }>('/api/console/stock/adjustments', { locationId, productId, delta: d, reason, note })
          .then((r) => {
            setDone(t('adjusted', { level: f.quantity(r.level, counted.quantityDecimals, counted.unit) }));
            setDelta('');
            setNote('');
          })
          .catch(setError);
      }}
    >
      <h2 id="adjust-title">{t('adjust')}</h2>
      <SelectField label={t('reason')} value={reason} onChange={(v) => setReason(v as AdjustmentReason)}>
        {ADJUSTMENT_REASONS.map((r) => (
          <option key={r} value={r}>
            {t(`reason_${r}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('adjustDelta')}
        id="adjust-delta"
        inputMode={counted.quantityDecimals > 0 ? 'decimal' : 'numeric'}
        value={delta}
        onChange={(e) => setDelta(e.target.value)}
      />
      <TextField label={t('note')} id="adjust-note" value={note} onChange={(e) => setNote(e.target.value)} />
      <FormProblem>
        {problem && (problem === 'delta' ? t('deltaInvalid') : problem === 'sign' ? t('deltaSign') : t('noteShort'))}
      </FormProblem>
      <ErrorNotice error={error} />
      <DoneNotice>{done}</DoneNotice>
      <div className="actions start">
        <button type="submit">{t('adjustButton')}</button>
      </div>
    </form>
  );
}

function ReceiveForm({ locationId, productId, counted }: { locationId: string; productId: string; counted: Counted }) {
  const t = useT(stockMessages);
  const api = useApi();
  const f = useFormat();
  const [qty, setQty] = useState('');
  const [supplier, setSupplier] = useState('');
  const [problem, setProblem] = useState<'qty' | 'supplier' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const decimals = counted.quantityDecimals;
  return (
    <form
      className="card form"
      noValidate
      aria-labelledby="receive-title"
      onSubmit={(e) => {
        e.preventDefault();
        setDone(null);
        // Typed in the product's unit (12,5 kg), sent as the integer of its smallest unit (12500).
        const parsed = parseQuantityIn(qty, decimals, MAX_STOCK_QUANTITY);
        if ('problem' in parsed || parsed.quantity === 0) return setProblem('qty');
        if (!supplier.trim()) return setProblem('supplier');
        setProblem(null);
        setError(null);
        api
          .post('/api/console/receipts', {
            locationId,
            lines: [{ productId, quantity: parsed.quantity }],
            supplierNote: supplier,
          })
          .then(() => {
            setDone(t('received', { quantity: f.quantity(parsed.quantity, decimals, counted.unit) }));
            setQty('');
          })
          .catch(setError);
      }}
    >
      <h2 id="receive-title">{t('receive')}</h2>
      <TextField
        label={counted.unit === 'each' ? t('receiveQty') : t('receiveQtyIn', { unit: counted.unit })}
        id="receive-qty"
        inputMode={decimals > 0 ? 'decimal' : 'numeric'}
        value={qty}
        onChange={(e) => setQty(e.target.value)}
      />
      <TextField
        label={t('supplier')}
        id="receive-supplier"
        value={supplier}
        onChange={(e) => setSupplier(e.target.value)}
      />
      <FormProblem>
        {problem &&
          (problem === 'supplier'
            ? t('supplierMissing')
            : decimals > 0
              ? t('qtyPositiveIn', { decimals })
              : t('qtyPositive'))}
      </FormProblem>
      <ErrorNotice error={error} />
      <DoneNotice>{done}</DoneNotice>
      <div className="actions start">
        <button type="submit">{t('receiveButton')}</button>
      </div>
    </form>
  );
}
