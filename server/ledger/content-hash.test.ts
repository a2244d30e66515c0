import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { reachableTestDatabases } from '../test/databases';
import { catalogue, makeSale, pairDevice, pushSales } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';

/**
 * SPEC S2 across versions: a sale retried after an upgrade is told from a reused id by its content hash, so the hash
 * stored for a body must stay the sha256 (hex) of that body, whatever way the server computes it.
 */
describe.each(reachableTestDatabases)('stored content hash on $label', (database) => {
  const { server } = useTestServer(database);

  it('[S2] is the sha256 of the stored body, in hex, also for text beyond ASCII', async () => {
    const device = await pairDevice(server);
    const [product] = await catalogue(server.url, device.token);
    const sale = { ...makeSale(device, 1, [{ product: product!, quantity: 1 }]), cashierName: 'Zoë Ñúñez 😀' };
    const res = await pushSales(server.url, device.token, [sale]);
    expect(res.body.acks).toHaveLength(1);
    const stored = await server.db
      .selectFrom('sales')
      .select(['body', 'content_hash'])
      .where('id', '=', sale.id)
      .executeTakeFirstOrThrow();
    expect(stored.body).toContain('Zoë Ñúñez 😀');
    expect(stored.content_hash).toBe(createHash('sha256').update(stored.body).digest('hex'));
  });
});
