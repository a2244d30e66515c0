import { useState } from 'react';
import { Link } from 'wouter';
import { COUNT_STATUSES, type CountSummary } from '../../../shared/console/counts';
import type { Page } from '../../../shared/console/ledger-api';
import { useT } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import { useLivePages } from '../live/use-live-pages';
import { useApi } from '../session/session-context';
import { ErrorNotice } from '../ui/error-notice';
import { GridTable, numeric } from '../ui/grid-table';
import { LoadMore } from '../ui/load-more';
import { PageSection } from '../ui/page-section';
import { StatePlaceFilters } from '../ui/state-place-filters';
import { countMessages } from './count-messages';
import { StartCountForm } from './start-count-form';
import { useCountLocations } from './use-count-locations';

export const countBadge = (status: CountSummary['status']) =>
  status === 'approved' ? 'badge ok' : status === 'open' ? 'badge muted' : 'badge bad';

/** Stock counts: start one, and every count of the manager's locations filtered by state and location. */
export default function CountsPage() {
  const t = useT(countMessages);
  const api = useApi();
  const f = useFormat();
  const locations = useCountLocations();
  const [status, setStatus] = useState('');
  const [locationId, setLocationId] = useState('');
  const list = useLivePages<CountSummary>(
    `counts:${status}:${locationId}`,
    (cursor, signal) =>
      api.get<Page<CountSummary>>('/api/console/counts', { status, locationId, cursor, limit: 50 }, signal),
    ['stocktakes'],
  );

  return (
    <PageSection titleId="counts-title" title={t('title')}>
      <StartCountForm locations={locations} />
      <StatePlaceFilters
        states={COUNT_STATUSES.map((s) => ({ value: s, label: t(`status_${s}`) }))}
        state={status}
        onState={setStatus}
        places={locations}
        placeId={locationId}
        onPlace={setLocationId}
      />
      <ErrorNotice error={list.error} />
      {list.loaded && list.items.length === 0 && <p className="ok">{t('none')}</p>}
      {list.items.length > 0 && (
        <GridTable
          labelledBy="counts-title"
          columns={[t('location'), t('scope'), t('state'), t('started'), numeric(t('counted')), t('note')]}
        >
          {list.items.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                <Link href={`/counts/${encodeURIComponent(c.id)}`}>
                  {t('open', { place: c.locationName, when: f.dateTime(c.startedAt) })}
                </Link>
              </th>
              <td>{c.category ? t('category', { category: c.category }) : t('allProducts')}</td>
              <td>
                <span className={countBadge(c.status)}>{t(`status_${c.status}`)}</span>
              </td>
              <td>{c.startedByName}</td>
              <td className="num">{f.number(c.countedLines)}</td>
              <td>{c.note}</td>
            </tr>
          ))}
        </GridTable>
      )}
      <LoadMore list={list} label={t('more')} />
    </PageSection>
  );
}
