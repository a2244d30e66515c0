import { createColumnHelper } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { SHEET_FILTERS, type CountDetail, type CountSheet, type CountSheetLine } from '../../../shared/console/counts';
import { useT } from '../i18n/i18n';
import type { Formatter } from '../i18n/format';
import { useLiveQuery } from '../live/use-live-query';
import { useApi } from '../session/session-context';
import { ErrorNotice } from '../ui/error-notice';
import { choices, SelectField } from '../ui/select-field';
import { VirtualTable, type GridFeatures } from '../ui/virtual-table';
import { NameWithDetail } from '../ui/name-with-detail';
import { CountInput, countInputId } from './count-input';
import { countMessages } from './count-messages';

const helper = createColumnHelper<GridFeatures, CountSheetLine>();
/** A quantity of the line's product in its unit ("2,500 kg"), signed when asked. */
const inUnit = (f: Formatter, n: number, l: CountSheetLine, sign = false) =>
  `${sign && n > 0 ? '+' : ''}${f.quantity(n, l.quantityDecimals, l.unit)}`;

/** The count sheet: searched and filtered on the server, virtualized, typed into row after row. */
export function CountSheetGrid({ count, f }: { count: CountDetail; f: Formatter }) {
  const t = useT(countMessages);
  const api = useApi();
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<(typeof SHEET_FILTERS)[number]>('all');
  const [error, setError] = useState<unknown>(null);
  const open = count.status === 'open';
  const base = `/api/console/counts/${encodeURIComponent(count.id)}`;
  useEffect(() => {
    const id = setTimeout(() => setQuery(typed.trim()), 250);
    return () => clearTimeout(id);
  }, [typed]);
  const sheet = useLiveQuery(
    `count-sheet:${count.id}:${query}:${filter}`,
    (signal) => api.get<CountSheet>(`${base}/sheet`, { query, filter }, signal),
    { collections: ['stocktakes', 'stock', 'sales'] },
  );
  const items = useMemo(() => sheet.data?.items ?? [], [sheet.data]);

  const save = useCallback(
    async (productId: string, quantity: number) => {
      try {
        await api.put(`${base}/lines/${encodeURIComponent(productId)}`, { quantity });
        setError(null);
        return true;
      } catch (err) {
        setError(err);
        return false;
      }
    },
    [api, base],
  );
  const next = useCallback(
    (productId: string) => {
      const i = items.findIndex((r) => r.productId === productId);
      const el = items[i + 1] && document.getElementById(countInputId(items[i + 1]!.productId));
      el?.focus();
      el?.scrollIntoView({ block: 'nearest' });
    },
    [items],
  );

  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor('name', {
          header: () => t('product'),
          cell: (c) => (
            <NameWithDetail
              name={c.getValue()}
              detail={
                <>
                  {c.row.original.sku}
                  {c.row.original.source && ` · ${t(c.row.original.source === 'pos' ? 'fromPos' : 'fromConsole')}`}
                </>
              }
            />
          ),
        }),
        helper.display({
          id: 'counted',
          header: () => t('shelf'),
          cell: (c) =>
            open ? (
              <CountInput
                productId={c.row.original.productId}
                productName={c.row.original.name}
                decimals={c.row.original.quantityDecimals}
                locale={f.locale}
                value={c.row.original.counted}
                onSave={save}
                onNext={next}
              />
            ) : (
              <span>{c.row.original.counted === null ? '—' : inUnit(f, c.row.original.counted, c.row.original)}</span>
            ),
        }),
        helper.accessor('book', { header: () => t('book'), cell: (c) => inUnit(f, c.getValue(), c.row.original) }),
        helper.accessor('late', {
          header: () => t('late'),
          cell: (c) => (c.getValue() ? inUnit(f, c.getValue(), c.row.original, true) : ''),
        }),
        helper.accessor('expected', {
          header: () => t('expected'),
          cell: (c) => inUnit(f, c.getValue(), c.row.original),
        }),
        helper.accessor('variance', {
          header: () => t('variance'),
          cell: (c) => {
            const v = c.getValue();
            return v === null ? (
              ''
            ) : (
              <span className={v < 0 ? 'variance short' : 'variance'}>{inUnit(f, v, c.row.original, true)}</span>
            );
          },
        }),
        helper.accessor('varianceCents', {
          header: () => t('value'),
          cell: (c) => (c.getValue() === null ? '' : f.money(c.getValue()!, count.currency)),
        }),
      ]),
    [t, f, open, save, next, count.currency],
  );

  return (
    <div className="card form" role="group" aria-labelledby="sheet-title">
      <h2 id="sheet-title">{t('sheet')}</h2>
      {open && <p className="hint">{t('keyboardHelp')}</p>}
      <div className="filters">
        <div className="field grow">
          <label htmlFor="sheet-search">{t('search')}</label>
          <input id="sheet-search" type="search" value={typed} onChange={(e) => setTyped(e.target.value)} />
        </div>
        <SelectField
          label={t('show')}
          value={filter}
          onChange={(v) => setFilter(v as typeof filter)}
          options={choices(SHEET_FILTERS, (s) => t(`filter_${s}`))}
        />
      </div>
      <ErrorNotice error={sheet.error ?? error} />
      {sheet.data?.truncated && <p className="hint">{t('truncated')}</p>}
      {sheet.data && items.length === 0 && <p className="hint">{t('noProducts')}</p>}
      {items.length > 0 && (
        <VirtualTable label={t('sheet')} columns={columns} data={items} rowKey={(r) => r.productId} height="60vh" />
      )}
    </div>
  );
}
