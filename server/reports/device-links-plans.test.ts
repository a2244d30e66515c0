import { describe, expect, it } from 'vitest';
import { useSqlitePlans } from '../test/sqlite-plans';
import { endLinkQuery, silentLinksQuery } from './device-links';
import { reportDb } from './report-db';

/**
 * A status report and a stream's end look up the device's open links through the partial index
 * of open links, not by reading every link ever recorded (a row per stream opened).
 */
describe("a device's open links are found through their index on SQLite", () => {
  const { db, explain } = useSqlitePlans();

  it('when a status report touches them', async () => {
    const detail = await explain(silentLinksQuery(reportDb(db()), 'device-1', new Date()));
    expect(detail).toContain('USING INDEX device_links_open (device_id=?)');
  });

  it('when a stream ends', async () => {
    const detail = await explain(endLinkQuery(reportDb(db()), 'device-1', 'link-1', new Date().toISOString()));
    expect(detail).toContain('USING INDEX device_links_open (device_id=?)');
  });
});
