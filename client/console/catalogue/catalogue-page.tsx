import { createColumnHelper } from '@tanstack/react-table';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'wouter';
import type { ConsoleProductView } from '../../../shared/console/catalogue';
import { useBranches } from '../api/use-branches';
import { useT } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import { useLivePages, type CursorPage } from '../live/use-live-pages';
import { useLiveQuery } from '../live/use-live-query';
import { useApi, useManager } from '../session/session-context';
import { Dialog } from '../ui/dialog';
import { DoneNotice } from '../ui/done-notice';
import { ErrorNotice } from '../ui/error-notice';
import { LoadMore } from '../ui/load-more';
import { PageSection } from '../ui/page-section';
import { SelectField } from '../ui/select-field';
import { VirtualTable, type GridFeatures } from '../ui/virtual-table';
import { catalogueMessages } from './catalogue-messages';
import { exportProductsCsv } from './export-csv';
import { ImportDialog } from './import-dialog';
import { importMessages } from './import-messages';
import { ProductDialog } from './product-dialog';

const ARCHIVED = ['active', 'archived', 'all'] as const;
type Archived = (typeof ARCHIVED)[number];
const helper = createColumnHelper<GridFeatures, ConsoleProductView>();

/** The master catalogue: searched, filtered and paged on the server, virtualized on screen. */
export default function CataloguePage() {
  const t = useT(catalogueMessages);
  const api = useApi();
  const manager = useManager();
  const isAdmin = manager.role === 'admin';
  const { branches } = useBranches();
  const currency = branches[0]?.currency ?? 'USD';
  const f = useFormat({ currency, timeZone: branches[0]?.timeZone });
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState('');
  const [archived, setArchived] = useState<Archived>('active');
  const [editing, setEditing] = useState<ConsoleProductView | 'new' | null>(null);
  const [archiving, setArchiving] = useState<ConsoleProductView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const [importing, setImporting] = useState(false);
  const ti = useT(importMessages);
  const categories = useLiveQuery(
    'product-categories',
    (signal) =>
      api.get<{ categories: { name: string; products: number }[] }>('/api/console/products/categories', {}, signal),
    { collections: ['products'] },
  );

  // The server searches; typing waits a moment so each key does not send a request.
  useEffect(() => {
    const id = setTimeout(() => setQuery(typed.trim()), 250);
    return () => clearTimeout(id);
  }, [typed]);

  const filters = { query, category: category || undefined, archived };
  const list = useLivePages<ConsoleProductView>(
    `products:${JSON.stringify(filters)}`,
    (cursor, signal) =>
      api.get<CursorPage<ConsoleProductView>>('/api/console/products', { ...filters, cursor, limit: 100 }, signal),
    ['products', 'stockrules', 'prices'],
  );

  const columns = useCatalogueColumns({ isAdmin, currency, onEdit: setEditing, onArchive: setArchiving });

  async function exportCsv() {
    setExporting(true);
    setExportError(null);
    try {
      await exportProductsCsv(api, filters);
    } catch (err) {
      setExportError(err);
    } finally {
      setExporting(false);
    }
  }

  return (
    <PageSection
      titleId="catalogue-title"
      title={t('title')}
      actions={
        <>
          <button type="button" disabled={exporting} onClick={() => void exportCsv()}>
            {exporting ? t('exporting') : t('exportCsv')}
          </button>
          {isAdmin && (
            <button type="button" onClick={() => setImporting(true)}>
              {ti('open')}
            </button>
          )}
          {isAdmin && (
            <button type="button" className="primary" onClick={() => setEditing('new')}>
              {t('newProduct')}
            </button>
          )}
        </>
      }
    >
      <div className="filters">
        <div className="field grow">
          <label htmlFor="catalogue-search">{t('search')}</label>
          <input id="catalogue-search" type="search" value={typed} onChange={(e) => setTyped(e.target.value)} />
        </div>
        <SelectField
          label={t('category')}
          value={category}
          onChange={setCategory}
          all={t('allCategories')}
          options={(categories.data?.categories ?? []).map((c) => ({
            value: c.name,
            label: `${c.name || t('noCategory')} (${f.number(c.products)})`,
          }))}
        />
        <SelectField
          label={t('state')}
          value={archived}
          onChange={(v) => setArchived(v as Archived)}
          options={ARCHIVED.map((a) => ({ value: a, label: t(a) }))}
        />
      </div>
      <DoneNotice>{notice}</DoneNotice>
      <ErrorNotice error={list.error ?? exportError} />
      {list.loaded && list.items.length === 0 && (
        <p role="status" className="ok">
          {t('none')}
        </p>
      )}
      {list.items.length > 0 && (
        <>
          <p className="hint" role="status">
            {t('count', { count: f.number(list.items.length) })}
          </p>
          <VirtualTable
            label={t('title')}
            columns={columns}
            data={list.items}
            rowKey={(p) => p.id}
            onNearEnd={() => void list.loadMore()}
          />
        </>
      )}
      <LoadMore list={list} label={t('more')} />
      {editing && (
        <ProductDialog
          product={editing === 'new' ? null : editing}
          currency={currency}
          onClose={() => setEditing(null)}
          onSaved={(message) => {
            setEditing(null);
            setNotice(message);
          }}
        />
      )}
      {importing && (
        <ImportDialog
          onClose={() => setImporting(false)}
          onDone={(message) => {
            setImporting(false);
            setNotice(message);
          }}
        />
      )}
      {archiving && (
        <ArchiveDialog product={archiving} onClose={() => setArchiving(null)} onArchived={() => setArchiving(null)} />
      )}
    </PageSection>
  );
}

function ArchiveDialog({
  product,
  onClose,
  onArchived,
}: {
  product: ConsoleProductView;
  onClose: () => void;
  onArchived: () => void;
}) {
  const t = useT(catalogueMessages);
  const api = useApi();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function archive() {
    setBusy(true);
    try {
      await api.post(`/api/console/products/${encodeURIComponent(product.id)}/archive`);
      onArchived();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }
  return (
    <Dialog title={t('archiveTitle', { name: product.name })} onClose={onClose}>
      <p>{t('archiveBody')}</p>
      <ErrorNotice error={error} />
      <div className="actions">
        <button type="button" onClick={onClose} autoFocus>
          {t('cancel')}
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => void archive()}>
          {t('archive')}
        </button>
      </div>
    </Dialog>
  );
}

/** The catalogue grid's columns: name (with archived and pending-price marks), codes, price, tax, actions. */
function useCatalogueColumns({
  isAdmin,
  currency,
  onEdit,
  onArchive,
}: {
  isAdmin: boolean;
  currency: string;
  onEdit: (p: ConsoleProductView) => void;
  onArchive: (p: ConsoleProductView) => void;
}) {
  const t = useT(catalogueMessages);
  const { branches } = useBranches();
  const f = useFormat({ currency, timeZone: branches[0]?.timeZone });
  return useMemo(
    () =>
      helper.columns([
        helper.accessor('name', {
          header: () => t('name'),
          cell: (c) => (
            <>
              <Link className="strong" href={`/catalogue/${encodeURIComponent(c.row.original.id)}`}>
                {c.getValue()}
              </Link>
              {c.row.original._deleted && <span className="badge muted">{t('archivedBadge')}</span>}
              {c.row.original.pendingPrice && (
                <span className="sub">
                  {t('pending', {
                    price: f.money(c.row.original.pendingPrice.priceCents),
                    when: f.dateTime(c.row.original.pendingPrice.effectiveAt),
                  })}
                </span>
              )}
            </>
          ),
        }),
        helper.accessor('sku', { header: () => t('sku') }),
        helper.accessor('category', { header: () => t('category') }),
        helper.accessor('priceCents', {
          header: () => t('price'),
          cell: (c) => <span className="num-cell">{f.money(c.getValue())}</span>,
        }),
        helper.accessor('taxRateBp', { header: () => t('tax'), cell: (c) => `${f.number(c.getValue() / 100)} %` }),
        helper.accessor('barcode', { header: () => t('barcode'), cell: (c) => c.getValue() ?? '' }),
        helper.accessor('legacyId', { header: () => t('legacyId'), cell: (c) => c.getValue() ?? '' }),
        helper.display({
          id: 'actions',
          header: () => t('actions'),
          cell: (c) =>
            isAdmin && !c.row.original._deleted ? (
              <div className="row-actions">
                <button
                  type="button"
                  aria-label={t('editLabel', { name: c.row.original.name })}
                  onClick={() => onEdit(c.row.original)}
                >
                  {t('edit')}
                </button>
                <button
                  type="button"
                  className="danger"
                  aria-label={t('archiveLabel', { name: c.row.original.name })}
                  onClick={() => onArchive(c.row.original)}
                >
                  {t('archive')}
                </button>
              </div>
            ) : null,
        }),
      ]),
    [t, f, isAdmin, onEdit, onArchive],
  );
}
