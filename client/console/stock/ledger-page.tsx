import { useState } from 'react';
import { useSearch } from 'wouter';
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
import { CardForm } from '../ui/card-form';
import { ErrorNotice } from '../ui/error-notice';
import { GridTable } from '../ui/grid-table';
import { LoadMore } from '../ui/load-more';
import { PageSection } from '../ui/page-section';
import { choices, SelectField } from '../ui/select-field';
import { TextField } from '../ui/text-field';
import { DateTimeField, isLocalDateTime } from '../ui/date-time-field';
import { describeMovement } from './describe-movement';
import { StockHistorySection } from './stock-history-section';
import { stockMessages } from './stock-messages';

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
    <PageSection
      titleId="ledger-title"
      title={t('ledgerTitle', { product: name, place })}
      back={{ href: '/stock', label: t('back') }}
    >
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
    </PageSection>
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
  return (
    <CardForm
      titleId="asof-title"
      title={t('asOf')}
      submitLabel={t('asOfButton')}
      validate={() => !isLocalDateTime(when) && t('whenInvalid')}
      onSubmit={async () => {
        const at = zonedLocalToIso(when, timeZone);
        const r = await api.get<StockAsOfResponse>('/api/console/stock/as-of', { locationId, productId, at });
        const quantity = r.items.find((i) => i.productId === productId)?.quantity ?? 0;
        return t('asOfResult', {
          when: f.dateTime(at),
          quantity: f.quantity(quantity, counted.quantityDecimals, counted.unit),
        });
      }}
    >
      <DateTimeField label={t('asOfWhen', { zone: timeZone })} id="asof-when" value={when} onText={setWhen} />
    </CardForm>
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
  const d = signedQuantity(delta, counted.quantityDecimals);
  return (
    <CardForm
      titleId="adjust-title"
      title={t('adjust')}
      submitLabel={t('adjustButton')}
      validate={() => {
        if (d === null) return t('deltaInvalid');
        if ((['waste', 'damage', 'theft'].includes(reason) && d > 0) || (reason === 'found' && d < 0))
          return t('deltaSign');
        if (note.trim().length < 3) return t('noteShort');
      }}
      onSubmit={async () => {
        const body = { locationId, productId, delta: d, reason, note };
        const r = await api.post<{ level: number }>('/api/console/stock/adjustments', body);
        setDelta('');
        setNote('');
        return t('adjusted', { level: f.quantity(r.level, counted.quantityDecimals, counted.unit) });
      }}
    >
      <SelectField
        label={t('reason')}
        value={reason}
        onChange={(v) => setReason(v as AdjustmentReason)}
        options={choices(ADJUSTMENT_REASONS, (r) => t(`reason_${r}`))}
      />
      <TextField
        label={t('adjustDelta')}
        id="adjust-delta"
        inputMode={counted.quantityDecimals > 0 ? 'decimal' : 'numeric'}
        value={delta}
        onChange={(e) => setDelta(e.target.value)}
      />
      <TextField label={t('note')} id="adjust-note" value={note} onChange={(e) => setNote(e.target.value)} />
    </CardForm>
  );
}

function ReceiveForm({ locationId, productId, counted }: { locationId: string; productId: string; counted: Counted }) {
  const t = useT(stockMessages);
  const api = useApi();
  const f = useFormat();
  const [qty, setQty] = useState('');
  const [supplier, setSupplier] = useState('');
  const decimals = counted.quantityDecimals;
  // Typed in the product's unit (12,5 kg), sent as the integer of its smallest unit (12500).
  const parsed = parseQuantityIn(qty, decimals, MAX_STOCK_QUANTITY);
  const quantity = 'problem' in parsed ? 0 : parsed.quantity;
  return (
    <CardForm
      titleId="receive-title"
      title={t('receive')}
      submitLabel={t('receiveButton')}
      validate={() => {
        if (quantity === 0) return decimals > 0 ? t('qtyPositiveIn', { decimals }) : t('qtyPositive');
        if (!supplier.trim()) return t('supplierMissing');
      }}
      onSubmit={async () => {
        await api.post('/api/console/receipts', {
          locationId,
          lines: [{ productId, quantity }],
          supplierNote: supplier,
        });
        setQty('');
        return t('received', { quantity: f.quantity(quantity, decimals, counted.unit) });
      }}
    >
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
    </CardForm>
  );
}
