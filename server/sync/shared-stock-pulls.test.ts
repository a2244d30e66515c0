import { describe, expect, it } from 'vitest';
import { stockPullResponseSchema, type Checkpoint } from '../../shared/protocol';
import { DEMO_BRANCH_ID } from '../db/seed-demo';
import { reachableTestDatabases } from '../test/databases';
import { makeSale, pullStock, pushSales } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';
import { stockPagesOf } from './pull-queries';

/**
 * Stock pulls of one location from one checkpoint share one read (issue 14, the reconnect storm):
 * the answers must be what each device would have got alone, its own acks included, and a device
 * that pulls after its push must see it.
 */
describe.each(reachableTestDatabases)('shared stock pulls on $label', (database) => {
  const { server, a, b, products } = useTestServer(database, {
    devices: { a: {}, b: {} },
    catalogue: true,
  });
  const deviceSeq = { a: 0, b: 0 };

  async function sell(name: 'a' | 'b', productIndex: number): Promise<string> {
    const device = name === 'a' ? a : b;
    const sale = makeSale(device, ++deviceSeq[name], [{ product: products[productIndex]!, quantity: 1 }]);
    const res = await pushSales(server.url, device.token, [sale]);
    expect(res.status).toBe(200);
    expect(res.body.acks.map((x) => x.id)).toEqual([sale.id]);
    return sale.id;
  }

  it('[S4][S5] pulls from one checkpoint at once get one page, each with its own device’s acks', async () => {
    const from = (await pullStock(server.url, a.token, { limit: 1000 })).body.checkpoint as Checkpoint;
    const soldByA = await sell('a', 0);
    const soldByB = await sell('b', 1);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => pullStock(server.url, (i % 2 ? b : a).token, { ...from, limit: 1000 })),
    );
    const alone = await pullStock(server.url, a.token, { ...from, limit: 1000 });
    for (const [i, res] of answers.entries()) {
      expect(res.status).toBe(200);
      const body = stockPullResponseSchema.parse(res.body);
      expect(body.documents).toEqual(alone.body.documents);
      expect(body.checkpoint).toEqual(alone.body.checkpoint);
      expect(body.acks.map((x) => x.id)).toEqual([i % 2 ? soldByB : soldByA]);
    }
    expect(alone.body.documents.map((d) => d.productId).sort()).toEqual([products[0]!.id, products[1]!.id].sort());
  });

  it('requests in one turn share one read; a later one reads again and sees what was written meanwhile', async () => {
    const pages = stockPagesOf(server.db);
    const readsBefore = pages.flight.reads;
    const since = { seq: 0, id: '' };
    const together = await Promise.all(Array.from({ length: 5 }, () => pages(DEMO_BRANCH_ID, since, 1000)));
    expect(pages.flight.reads - readsBefore).toBe(1);
    expect(new Set(together.map((p) => p.head)).size).toBe(1);
    expect(JSON.parse(`${together[0]!.head.toString()}[]}`)).toEqual({
      documents: together[0]!.documents,
      checkpoint: together[0]!.checkpoint,
      acks: [],
    });

    await sell('a', 2);
    const after = await pages(DEMO_BRANCH_ID, since, 1000);
    expect(pages.flight.reads - readsBefore).toBe(2);
    expect(after.checkpoint!.seq).toBeGreaterThan(together[0]!.checkpoint!.seq);
  });

  it('[S4] a device pulling right after its push sees the push while the branch’s other tablet keeps pulling', async () => {
    const from = (await pullStock(server.url, a.token, { limit: 1000 })).body.checkpoint as Checkpoint;
    let flooding = true;
    const flood = (async () => {
      while (flooding) await Promise.all(Array.from({ length: 4 }, () => pullStock(server.url, b.token, { ...from })));
    })();
    try {
      for (let round = 0; round < 5; round++) {
        const sold = await sell('a', round % products.length);
        const res = await pullStock(server.url, a.token, { ...from, limit: 1000 });
        expect(res.body.acks.map((x) => x.id)).toContain(sold);
        expect(res.body.documents.map((d) => d.productId)).toContain(products[round % products.length]!.id);
      }
    } finally {
      flooding = false;
      await flood;
    }
  });
});
