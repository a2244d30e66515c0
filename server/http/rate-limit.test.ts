import { describe, expect, it } from 'vitest';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import { useTestServer } from '../test/use-test-server';
import { DatabaseAttemptStore } from './rate-limit';

describe.each(reachableTestDatabases)('failed-attempt counters in the database on $label', (database: TestDatabase) => {
  const { server } = useTestServer(database);

  it('counts per key and prefix within a window, then starts again; a success gives one back, never below zero', async () => {
    const store = new DatabaseAttemptStore(server.db, 'test:', 2000);
    const other = new DatabaseAttemptStore(server.db, 'other:', 2000);
    const first = await store.increment('1.2.3.4');
    expect(first.totalHits).toBe(1);
    expect((await store.increment('1.2.3.4')).totalHits).toBe(2);
    expect((await store.increment('5.6.7.8')).totalHits).toBe(1);
    expect((await other.increment('1.2.3.4')).totalHits).toBe(1);
    expect((await store.get('1.2.3.4'))?.totalHits).toBe(2);

    await store.decrement('1.2.3.4');
    await store.decrement('1.2.3.4');
    await store.decrement('1.2.3.4');
    expect((await store.get('1.2.3.4'))?.totalHits).toBe(0);
    expect((await store.increment('1.2.3.4')).resetTime?.getTime()).toBe(first.resetTime?.getTime());

    await new Promise((r) => setTimeout(r, 2100));
    expect(await store.get('1.2.3.4')).toBeUndefined();
    const again = await store.increment('1.2.3.4');
    expect(again.totalHits).toBe(1);
    expect(again.resetTime!.getTime()).toBeGreaterThan(first.resetTime!.getTime());

    await store.resetKey('1.2.3.4');
    expect(await store.get('1.2.3.4')).toBeUndefined();
  });

  it('ended windows are swept away instead of piling up', async () => {
    const store = new DatabaseAttemptStore(server.db, 'sweep:', 50);
    for (let i = 0; i < 5; i++) await store.increment(`10.0.0.${i}`);
    await new Promise((r) => setTimeout(r, 80));
    // A new store sweeps on its first increment.
    await new DatabaseAttemptStore(server.db, 'sweep:', 50).increment('10.0.0.99');
    const left = await server.db.selectFrom('failed_attempts').select('key').where('key', 'like', 'sweep:%').execute();
    expect(left.map((r) => r.key)).toEqual(['sweep:10.0.0.99']);
  });
});
