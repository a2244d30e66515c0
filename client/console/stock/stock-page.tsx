import { createColumnHelper } from '@tanstack/react-table';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'wouter';
import type { LowStockResponse, StockMatrixResponse } from '../../../shared/console/stock';
import { usePlaces } from '../api/use-places';
import { useT } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import { useLivePages } from '../live/use-live-pages';
import { useLiveQuery } from '../live/use-live-query';
import { useApi } from '../session/session-context';
import { DoneNotice } from '../ui/done-notice';
import { ErrorNotice } from '../ui/error-notice';
import { GridTable, numeric } from '../ui/grid-table';
import { PageSection } from '../ui/page-section';
import { placeOptions, SelectField } from '../ui/select-field';
import { VirtualTable, type GridFeatures } from '../ui/virtual-table';
import { stockMessages } from './stock-messages';
import { FormProblem } from '../ui/form-problem';
import { NameWithDetail } from '../ui/name-with-detail';
import { MAX_STOCK_QUANTITY, parseQuantityIn } from '../../../shared/sale/quantity';

type LowStockItem = LowStockResponse['items'][number];

type MatrixRow = StockMatrixResponse['items'][number];
const helper = createColumnHelper<GridFeatures, MatrixRow>();

/** The master inventory: every product × the centre and each branch with the chain total; and low stock. */
export default function StockPage() {
  const t = useT(stockMessages);
  const api = useApi();
  const f = useFormat();
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [locations, setLocations] = useState<StockMatrixResponse['locations']>([]);
  useEffect(() => {
    const id = setTimeout(() => setQuery(typed.trim()), 250);
    return () => clearTimeout(id);
  }, [typed]);

  const matrix = useLivePages<MatrixRow>(
    `matrix:${query}`,
    async (cursor, signal) => {
      const page = await api.get<StockMatrixResponse>(
        '/api/console/stock/matrix',
        { query, cursor, limit: 100 },
        signal,
      );
      setLocations(page.locations);
      return page;
    },
    ['stock', 'products', 'stockrules'],
  );

  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor('name', {
          header: () => t('product'),
          cell: (c) => <NameWithDetail name={c.getValue()} detail={c.row.original.sku} />,
        }),
        ...locations.map((l) =>
          helper.display({
            id: `loc-${l.id}`,
            header: () => l.name,
            cell: (c) => {
              const row = c.row.original;
              const q = row.quantities[l.id] ?? 0;
              const shown = f.quantity(q, row.quantityDecimals, row.unit);
              const min = c.row.original.reorderMin;
              const low = min !== null && q < min;
              return (
                <Link
                  className={low || q < 0 ? 'qty low' : 'qty'}
                  href={`/stock/ledger?locationId=${encodeURIComponent(l.id)}&productId=${encodeURIComponent(c.row.original.productId)}`}
                  aria-label={`${t('open', { product: row.name, place: l.name })}: ${shown}${low ? `, ${t('belowMin', { min: f.quantity(min, row.quantityDecimals, row.unit) })}` : ''}`}
                >
                  {shown}
                </Link>
              );
            },
          }),
        ),
        helper.accessor('total', {
          header: () => t('total'),
          cell: (c) => (
            <span className="strong">
              {f.quantity(c.getValue(), c.row.original.quantityDecimals, c.row.original.unit)}
            </span>
          ),
        }),
      ]),
    [t, f, locations],
  );

  return (
    <PageSection titleId="stock-title" title={t('title')}>
      <h2 id="matrix-title">{t('matrix')}</h2>
      <div className="filters">
        <div className="field grow">
          <label htmlFor="stock-search">{t('search')}</label>
          <input id="stock-search" type="search" value={typed} onChange={(e) => setTyped(e.target.value)} />
        </div>
      </div>
      <ErrorNotice error={matrix.error} />
      {matrix.loaded && matrix.items.length === 0 && <p className="ok">{t('none')}</p>}
      {matrix.items.length > 0 && (
        <VirtualTable
          label={t('matrix')}
          columns={columns}
          data={matrix.items}
          rowKey={(r) => r.productId}
          height="50vh"
          onNearEnd={() => void matrix.loadMore()}
        />
      )}
      {matrix.hasMore && (
        <button type="button" onClick={() => void matrix.loadMore()}>
          {t('more')}
        </button>
      )}
      <LowStock locations={locations.filter((l) => l.kind === 'branch')} />
    </PageSection>
  );
}

/** Below the reorder minimum at a branch, with a resupply up to the maximum that becomes one transfer. */
function LowStock({ locations }: { locations: StockMatrixResponse['locations'] }) {
  const t = useT(stockMessages);
  const api = useApi();
  const f = useFormat();
  const { placeName } = usePlaces();
  const [chosen, setChosen] = useState('');
  const locationId = chosen || locations[0]?.id || '';
  const low = useLiveQuery(
    `low:${locationId}`,
    (signal) =>
      locationId
        ? api.get<LowStockResponse>('/api/console/stock/low', { locationId, limit: 200 }, signal)
        : Promise.resolve({ locationId, items: [], nextCursor: null }),
    { collections: ['stock', 'products', 'stockrules'] },
  );
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const items = low.data?.items ?? [];

  /** The quantity to send as shown in its field: typed, or the suggestion in the product's unit (12,5 kg). */
  const shownQuantity = (i: LowStockItem) =>
    quantities[i.productId] ?? f.editableQuantity(i.suggestedQuantity, i.quantityDecimals);

  async function resupply() {
    const parsed = items.map((i) => ({
      productId: i.productId,
      parsed: parseQuantityIn(shownQuantity(i), i.quantityDecimals, MAX_STOCK_QUANTITY),
    }));
    if (parsed.some((l) => 'problem' in l.parsed)) return setInvalid(true);
    const positive = parsed
      .map((l) => ({ productId: l.productId, quantity: 'quantity' in l.parsed ? l.parsed.quantity : 0 }))
      .filter((l) => l.quantity > 0);
    if (positive.length === 0) return setInvalid(true);
    setInvalid(false);
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<{ lines: unknown[] }>('/api/console/stock/resupply', {
        toLocationId: locationId,
        lines: positive,
      });
      setNotice(t('resupplied', { lines: r.lines.length }));
      setQuantities({});
      low.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="card form" aria-labelledby="low-title" role="group">
      <h2 id="low-title">{t('low')}</h2>
      {locations.length > 1 && (
        <SelectField label={t('location')} value={locationId} onChange={setChosen} options={placeOptions(locations)} />
      )}
      <DoneNotice>{notice}</DoneNotice>
      <ErrorNotice error={low.error ?? error} />
      {low.data && items.length === 0 && <p className="hint">{t('noLow', { place: placeName(locationId) })}</p>}
      {items.length > 0 && (
        <>
          <GridTable
            labelledBy="low-title"
            columns={[t('product'), numeric(t('quantity')), numeric(t('min')), numeric(t('max')), t('suggested')]}
          >
            {items.map((i) => (
              <tr key={i.productId}>
                <th scope="row">
                  <NameWithDetail name={i.name} detail={i.sku} />
                </th>
                <td className="num">{f.quantity(i.quantity, i.quantityDecimals, i.unit)}</td>
                <td className="num">{f.quantity(i.reorderMin, i.quantityDecimals, i.unit)}</td>
                <td className="num">
                  {i.reorderMax === null ? '—' : f.quantity(i.reorderMax, i.quantityDecimals, i.unit)}
                </td>
                <td>
                  <input
                    className="qty-input"
                    inputMode={i.quantityDecimals > 0 ? 'decimal' : 'numeric'}
                    aria-label={t('suggestedLabel', {
                      product: i.unit === 'each' ? i.name : `${i.name} (${i.unit})`,
                    })}
                    value={shownQuantity(i)}
                    onChange={(e) => setQuantities((q) => ({ ...q, [i.productId]: e.target.value }))}
                  />
                </td>
              </tr>
            ))}
          </GridTable>
          <FormProblem>{invalid && t('qtyInvalid')}</FormProblem>
          <div className="actions start">
            <button type="button" className="primary" disabled={busy} onClick={() => void resupply()}>
              {busy ? t('resupplying') : t('resupply')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
