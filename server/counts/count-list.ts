import type { CountSummary, COUNT_STATUSES } from '../../shared/console/counts';
import type { Page } from '../../shared/console/ledger-api';
import type { Db } from '../db/database';
import { splitCursor } from '../ledger/ledger-queries';
import { summaryOf } from './count-takes';
import { keysetPage, seqIdCursor } from '../http/keyset-page';

/** Counts of the locations a manager may see, newest change first, filtered on the server. */
export async function listCounts(
  db: Db,
  q: {
    locations: 'all' | string[];
    locationId?: string;
    status?: (typeof COUNT_STATUSES)[number];
    cursor?: string;
    limit: number;
  },
): Promise<Page<CountSummary>> {
  const locations = q.locations;
  if (locations !== 'all' && locations.length === 0) return { items: [], nextCursor: null };
  let query = db
    .selectFrom('stock_takes as t')
    .innerJoin('locations as loc', 'loc.id', 't.location_id')
    .selectAll('t')
    .select((eb) => [
      'loc.name as location_name',
      eb
        .selectFrom('stock_take_lines as l')
        .select((e) => e.fn.countAll().as('n'))
        .whereRef('l.take_id', '=', 't.id')
        .as('counted'),
    ]);
  if (locations !== 'all') query = query.where('t.location_id', 'in', locations);
  if (q.locationId) query = query.where('t.location_id', '=', q.locationId);
  if (q.status) query = query.where('t.status', '=', q.status);
  if (q.cursor) {
    const c = splitCursor(q.cursor);
    query = query.where((eb) =>
      eb.or([eb('t.seq', '<', c.seq), eb.and([eb('t.seq', '=', c.seq), eb('t.id', '<', c.id)])]),
    );
  }
  const rows = await query
    .orderBy('t.seq', 'desc')
    .orderBy('t.id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const { page, nextCursor } = keysetPage(rows, q.limit, seqIdCursor);
  return { items: page.map((r) => summaryOf(r, r.location_name, Number(r.counted ?? 0))), nextCursor };
}
