import { useState } from 'react';
import { Link } from 'wouter';
import {
  RECONCILIATION_KINDS,
  RECONCILIATION_STATUSES,
  type ReconciliationQuery,
} from '../../../shared/console/reconciliation';
import type { Page, ReconciliationItem } from '../../../shared/console/ledger-api';
import { usePlaces } from '../api/use-places';
import { useT } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import { useLiveQuery } from '../live/use-live-query';
import { useApi } from '../session/session-context';
import { ErrorNotice } from '../ui/error-notice';
import { GridTable } from '../ui/grid-table';
import { PageSection } from '../ui/page-section';
import { choices, placeOptions, SelectField } from '../ui/select-field';
import { itemSummary } from './item-summary';
import { reconciliationMessages } from './reconciliation-messages';

type Filters = Pick<ReconciliationQuery, 'kind' | 'status' | 'branchId' | 'assignedTo'>;

/** The reconciliation queue: every item the server opened, filtered and paged on the server, newest first. */
export default function ReconciliationPage() {
  const t = useT(reconciliationMessages);
  const api = useApi();
  const { branches, placeName, branchOfLocation } = usePlaces();
  const [filters, setFilters] = useState<Filters>({ status: 'open' });
  // Cursors of the pages seen so far: the first page has none.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const items = useLiveQuery(
    `reconciliation:${JSON.stringify(filters)}:${cursor ?? ''}`,
    (signal) =>
      api.get<Page<ReconciliationItem>>('/api/console/reconciliation', { ...filters, cursor, limit: 50 }, signal),
    { collections: ['reconciliation'] },
  );
  const set = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setCursors([undefined]);
  };

  return (
    <PageSection titleId="reconciliation-title" title={t('title')}>
      <p className="hint">{t('intro')}</p>
      <div className="filters">
        <SelectField
          label={t('status')}
          value={filters.status ?? ''}
          onChange={(v) => set({ status: (v || undefined) as Filters['status'] })}
          all={t('any')}
          options={choices(RECONCILIATION_STATUSES, (s) => t(`status_${s}`))}
        />
        <SelectField
          label={t('kind')}
          value={filters.kind ?? ''}
          onChange={(v) => set({ kind: (v || undefined) as Filters['kind'] })}
          all={t('any')}
          options={choices(RECONCILIATION_KINDS, (k) => t(`kind_${k}`))}
        />
        {branches.length > 1 && (
          <SelectField
            label={t('branch')}
            value={filters.branchId ?? ''}
            onChange={(v) => set({ branchId: v || undefined })}
            all={t('allBranches')}
            options={placeOptions(branches)}
          />
        )}
        <SelectField
          label={t('assignee')}
          value={filters.assignedTo ?? ''}
          onChange={(v) => set({ assignedTo: v || undefined })}
        >
          <option value="">{t('anyone')}</option>
          <option value="me">{t('me')}</option>
          <option value="nobody">{t('nobody')}</option>
        </SelectField>
      </div>
      <ErrorNotice error={items.error} />
      {items.data && items.data.items.length === 0 && (
        <p role="status" className="ok">
          {t('none')}
        </p>
      )}
      {items.data && items.data.items.length > 0 && (
        <GridTable
          labelledBy="reconciliation-title"
          columns={[t('kind'), t('what'), t('branch'), t('status'), t('when')]}
        >
          {items.data.items.map((item) => (
            <ItemRow
              key={item.id}
              item={item}
              place={placeName(item.locationId)}
              currency={branchOfLocation(item.locationId)?.currency}
              timeZone={branchOfLocation(item.locationId)?.timeZone}
              placeName={placeName}
            />
          ))}
        </GridTable>
      )}
      {(cursors.length > 1 || items.data?.nextCursor) && (
        <div className="pager">
          <button type="button" disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
            {t('previous')}
          </button>
          <button
            type="button"
            disabled={!items.data?.nextCursor}
            onClick={() => items.data?.nextCursor && setCursors((c) => [...c, items.data!.nextCursor!])}
          >
            {t('next')}
          </button>
        </div>
      )}
    </PageSection>
  );
}

function ItemRow({
  item,
  place,
  currency,
  timeZone,
  placeName,
}: {
  item: ReconciliationItem;
  place: string;
  currency: string | undefined;
  timeZone: string | undefined;
  placeName: (id: string) => string;
}) {
  const t = useT(reconciliationMessages);
  const f = useFormat({ currency, timeZone });
  const kind = t(`kind_${item.kind}`);
  return (
    <tr>
      <th scope="row">
        <Link href={`/reconciliation/${encodeURIComponent(item.id)}`}>{kind}</Link>
      </th>
      <td>{itemSummary(item, t, f, placeName)}</td>
      <td>{place}</td>
      <td>
        <span
          className={item.status === 'resolved' ? 'badge ok' : item.status === 'open' ? 'badge bad' : 'badge muted'}
        >
          {t(`status_${item.status}`)}
        </span>
        {item.assignedToName && item.status !== 'resolved' && <span className="sub">{item.assignedToName}</span>}
      </td>
      <td>{f.dateTime(item.createdAt)}</td>
    </tr>
  );
}
