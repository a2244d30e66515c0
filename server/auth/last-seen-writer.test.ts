import { describe, expect, it, vi } from 'vitest';
import { reachableTestDatabases } from '../test/databases';
import { pairDevice, pullProducts } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';
import { lastSeenWriter } from './device-auth';

/**
 * Devices back from a time offline each write last_seen_at on their first request; when many come
 * back at once (the reconnect storm, issue 14) their writes share transactions instead of one
 * commit (on SQLite one fsync on the event loop's thread) each.
 */
describe.each(reachableTestDatabases)('last_seen_at writes on $label', (database) => {
  // Many pairings from one address, at once.
  const { server } = useTestServer(database, { config: { pairLimitPerIp: '1000' } });

  const lastSeen = async (ids: string[]) =>
    (await server.db.selectFrom('devices').select(['id', 'last_seen_at']).where('id', 'in', ids).execute()).map(
      (r) => r.last_seen_at,
    );

  it('writes asked in one turn of the event loop commit in one transaction, each with its own time', async () => {
    const devices = await Promise.all(Array.from({ length: 10 }, () => pairDevice(server)));
    const ids = devices.map((d) => d.deviceId);
    const transactions = vi.spyOn(server.db, 'transaction');
    try {
      const at = (i: number) => new Date(Date.UTC(2030, 0, 1, 0, 0, i)).toISOString();
      await Promise.all(ids.map((id, i) => lastSeenWriter(server.db).write(id, at(i))));
      expect(transactions).toHaveBeenCalledTimes(1);
      expect((await lastSeen(ids)).sort()).toEqual(ids.map((_, i) => at(i)).sort());
    } finally {
      transactions.mockRestore();
    }
  });

  it('a write asked while a batch commits goes in the next one; the later time of one device wins', async () => {
    const [a, b] = [await pairDevice(server), await pairDevice(server)];
    const writer = lastSeenWriter(server.db);
    const first = writer.write(a.deviceId, '2031-01-01T00:00:00.000Z');
    await new Promise((resolve) => setImmediate(resolve));
    const second = writer.write(b.deviceId, '2031-01-01T00:00:01.000Z');
    const third = writer.write(b.deviceId, '2031-01-01T00:00:02.000Z');
    await Promise.all([first, second, third]);
    expect(await lastSeen([a.deviceId])).toEqual(['2031-01-01T00:00:00.000Z']);
    expect(await lastSeen([b.deviceId])).toEqual(['2031-01-01T00:00:02.000Z']);
  });

  it('stale devices requesting at once all get their answer and their last_seen_at', async () => {
    const devices = await Promise.all(Array.from({ length: 12 }, () => pairDevice(server)));
    const ids = devices.map((d) => d.deviceId);
    await server.db
      .updateTable('devices')
      .set({ last_seen_at: '2020-01-01T00:00:00.000Z' })
      .where('id', 'in', ids)
      .execute();
    const answers = await Promise.all(devices.map((d) => pullProducts(server.url, d.token, { limit: 1 })));
    expect(answers.map((r) => r.status)).toEqual(ids.map(() => 200));
    for (const at of await lastSeen(ids)) expect(Date.parse(at!)).toBeGreaterThan(Date.now() - 60_000);
  });
});
