import { useState } from 'react';
import { Link, useParams } from 'wouter';
import type { CountDetail } from '../../../shared/console/counts';
import { usePlaces } from '../api/use-places';
import { useT } from '../i18n/i18n';
import { useFormat } from '../i18n/use-format';
import { useLiveQuery } from '../live/use-live-query';
import { useApi } from '../session/session-context';
import { DoneNotice } from '../ui/done-notice';
import { ErrorNotice } from '../ui/error-notice';
import { CountClose } from './count-close';
import { countMessages } from './count-messages';
import { CountReport } from './count-report';
import { CountSheetGrid } from './count-sheet-grid';
import { countBadge } from './counts-page';
import './counts.css';

/** One count: its sheet, the variance report with late sales, and approval; kept current live. */
export default function CountPage() {
  const t = useT(countMessages);
  const api = useApi();
  const { id = '' } = useParams<{ id: string }>();
  const { branchOfLocation } = usePlaces();
  const [notice, setNotice] = useState<string | null>(null);
  const count = useLiveQuery(
    `count:${id}`,
    (signal) => api.get<CountDetail>(`/api/console/counts/${encodeURIComponent(id)}`, {}, signal),
    { collections: ['stocktakes', 'stock', 'sales'] },
  );
  const c = count.data;
  const branch = c ? branchOfLocation(c.locationId) : undefined;
  const f = useFormat({ currency: c?.currency, timeZone: branch?.timeZone });

  return (
    <section className="page" aria-labelledby="count-title">
      <p>
        <Link href="/counts">{t('back')}</Link>
      </p>
      <ErrorNotice error={count.error} />
      {c && (
        <>
          <div className="page-head">
            <h1 id="count-title">{t('open', { place: c.locationName, when: f.dateTime(c.startedAt) })}</h1>
          </div>
          <p>
            <span className={countBadge(c.status)}>{t(`status_${c.status}`)}</span>{' '}
            {c.category ? t('category', { category: c.category }) : t('allProducts')} ·{' '}
            {t('startedBy', { name: c.startedByName, when: f.dateTime(c.startedAt) })}
            {c.closedByName &&
              c.closedAt &&
              ` · ${t('closedBy', { status: t(`status_${c.status}`), name: c.closedByName, when: f.dateTime(c.closedAt) })}`}
            {c.note && ` · ${c.note}`}
          </p>
          <DoneNotice>{notice}</DoneNotice>
          <CountReport count={c} f={f} />
          <CountSheetGrid count={c} f={f} />
          {c.status === 'open' && <CountClose count={c} f={f} onDone={setNotice} />}
        </>
      )}
    </section>
  );
}
