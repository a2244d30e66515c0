import { describe, expect, it } from 'vitest';
import { DEMO_BRANCH_ID } from '../db/seed-demo';
import { reachableTestDatabases } from '../test/databases';
import { catalogue, makeSale, pairDevice, pushSales, stockLevels } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';

/**
 * ingestSales folds a push's movements in memory and writes sales, lines, movements and levels in
 * a few multi-row statements (MovementBatch, for bench/server-bench.ts). These prove the batched
 * writes keep the per-sale rules when many sales of one push touch the same products.
 */
describe.each(reachableTestDatabases)('batched sale ingest on $label', (database) => {
  const { server } = useTestServer(database);

  it("[S3] after one push of many sales sharing products, every level is its movements' sum and carries the last sale's sequence", async () => {
    const device = await pairDevice(server);
    const products = await catalogue(server.url, device.token);
    const [apples, bread] = [
      products.find((p) => p.name === 'Manzanas Orgánicas')!,
      products.find((p) => p.name === 'Pan Integral')!,
    ];
    const sales = Array.from({ length: 12 }, (_, i) =>
      makeSale(device, i + 1, [
        { product: apples, quantity: 1 },
        { product: bread, quantity: 1 + (i % 2) },
      ]),
    );
    const res = await pushSales(server.url, device.token, sales);
    expect(res.body.acks).toHaveLength(12);
    const lastSeq = Math.max(...res.body.acks.map((a) => a.appliedSeq));
    const levels = await stockLevels(server.db, DEMO_BRANCH_ID);
    for (const product of [apples, bread]) {
      const sum = await server.db
        .selectFrom('stock_movements')
        .select((eb) => eb.fn.sum<number>('delta').as('s'))
        .where('location_id', '=', DEMO_BRANCH_ID)
        .where('product_id', '=', product.id)
        .executeTakeFirstOrThrow();
      expect(levels.get(product.id)?.quantity).toBe(Number(sum.s));
      expect(levels.get(product.id)?.seq).toBe(lastSeq);
    }
    expect(levels.get(apples.id)?.quantity).toBe(25 - 12);
    expect(levels.get(bread.id)?.quantity).toBe(15 - 18);
  });

  it('[S11] the sale that takes a level below zero in the middle of a push opens the oversell item, with the level after it', async () => {
    const device = await pairDevice(server);
    const products = await catalogue(server.url, device.token);
    const milk = products.find((p) => p.name === 'Leche Deslactosada')!;
    const sales = Array.from({ length: 5 }, (_, i) => makeSale(device, i + 1, [{ product: milk, quantity: 3 }]));
    const res = await pushSales(server.url, device.token, sales);
    expect(res.body.acks).toHaveLength(5);
    const items = await server.db
      .selectFrom('reconciliation_items')
      .selectAll()
      .where('kind', '=', 'oversell')
      .where('product_id', '=', milk.id)
      .execute();
    expect(items).toHaveLength(1);
    // 8 in stock: the third sale (8 − 9 = −1) is the first below zero; the fifth leaves −7.
    const details = JSON.parse(items[0]!.details) as {
      level: number;
      lowestLevel: number;
      sales: number;
      lastSaleId: string;
    };
    expect(details).toMatchObject({ level: -7, lowestLevel: -7, sales: 3, lastSaleId: sales[4]!.id });
  });

  it('[S2] within one push, a repeated sale is applied once and a reused receipt number is refused', async () => {
    const device = await pairDevice(server);
    const products = await catalogue(server.url, device.token);
    const first = makeSale(device, 1, [{ product: products[0]!, quantity: 1 }]);
    const reusedNumber = makeSale(device, 1, [{ product: products[1]!, quantity: 1 }]);
    const res = await pushSales(server.url, device.token, [first, first, reusedNumber]);
    expect(res.body.acks.map((a) => a.id)).toEqual([first.id, first.id]);
    expect(res.body.acks[0]!.appliedSeq).toBe(res.body.acks[1]!.appliedSeq);
    expect(res.body.rejected).toEqual([expect.objectContaining({ id: reusedNumber.id, code: 'CONFLICT' })]);
    const rows = await server.db.selectFrom('stock_movements').select('id').where('sale_id', '=', first.id).execute();
    expect(rows).toHaveLength(1);
  });
});
