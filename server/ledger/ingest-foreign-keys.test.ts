import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { syncPath } from '../../shared/protocol';
import { reachableTestDatabases } from '../test/databases';
import { catalogue, makeSale, pairDevice, pushSales, request } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';

/**
 * On PostgreSQL the rows a sales push appends have no foreign keys (migration 0027): ingest's own
 * checks and parents that refuse deletion keep the guarantee. These hold on both databases.
 */
describe.each(reachableTestDatabases)('ingest without foreign keys on $label', (database) => {
  const { server } = useTestServer(database);

  const written = async (saleId: string) => {
    const [sales, lines, movements] = await Promise.all([
      server.db.selectFrom('sales').select('id').where('id', '=', saleId).execute(),
      server.db.selectFrom('sale_lines').select('sale_id').where('sale_id', '=', saleId).execute(),
      server.db.selectFrom('stock_movements').select('id').where('sale_id', '=', saleId).execute(),
    ]);
    return sales.length + lines.length + movements.length;
  };

  it('refuses a sale of a product the catalogue does not have, and writes none of it', async () => {
    const device = await pairDevice(server);
    const [product] = await catalogue(server.url, device.token);
    const unknown = { id: 'no-such-product', name: 'Nada', priceCents: 100 };
    const sale = makeSale(device, 1, [
      { product: product!, quantity: 1 },
      { product: unknown, quantity: 1 },
    ]);
    const detailed = await pushSales(server.url, device.token, [sale]);
    expect(detailed.body.rejected).toEqual([expect.objectContaining({ id: sale.id, code: 'NOT_FOUND' })]);
    const plain = await request(server.url, syncPath('sales', 'push'), {
      token: device.token,
      json: [{ newDocumentState: sale }],
    });
    expect(plain.status).toBeGreaterThanOrEqual(400);
    expect(plain.status).toBeLessThan(500);
    expect(await written(sale.id)).toBe(0);
  });

  it('refuses a sale authored by a device that does not exist, and writes none of it', async () => {
    const device = await pairDevice(server);
    const [product] = await catalogue(server.url, device.token);
    const sale = makeSale(device, 1, [{ product: product!, quantity: 1 }], { deviceId: 'no-such-device' });
    const res = await pushSales(server.url, device.token, [sale]);
    expect(res.body.acks).toEqual([]);
    expect(res.body.rejected).toEqual([expect.objectContaining({ id: sale.id, code: 'FORBIDDEN' })]);
    expect(await written(sale.id)).toBe(0);
  });

  it('refuses to delete, truncate or renumber a sale, a device or a branch that sales refer to', async () => {
    const device = await pairDevice(server);
    const [product] = await catalogue(server.url, device.token);
    const sale = makeSale(device, 1, [{ product: product!, quantity: 1 }]);
    expect((await pushSales(server.url, device.token, [sale])).body.acks).toHaveLength(1);
    const refused = async (statement: ReturnType<typeof sql>) => {
      // Each in a transaction rolled back, so a statement the database wrongly accepts changes nothing for the next.
      const outcome = await server.db
        .transaction()
        .execute(async (trx) => {
          await statement.execute(trx);
          throw new Error('accepted');
        })
        .catch((error: Error) => error.message);
      expect(outcome).not.toBe('accepted');
    };
    await refused(sql`delete from sales where id = ${sale.id}`);
    await refused(sql`update sales set id = ${`${sale.id}-x`} where id = ${sale.id}`);
    await refused(sql`delete from devices where id = ${device.deviceId}`);
    await refused(sql`update devices set id = ${`${device.deviceId}-x`} where id = ${device.deviceId}`);
    await refused(sql`delete from branches where id = ${device.branch.id}`);
    if (database.kind === 'postgres') {
      await refused(sql`truncate sale_lines, sales cascade`);
      await refused(sql`truncate devices cascade`);
    }
    expect(await written(sale.id)).toBe(3);
    // A parent's other columns still change (the console renames devices and branches).
    await sql`update devices set name = ${'renamed'} where id = ${device.deviceId}`.execute(server.db);
  });

  it.runIf(database.kind === 'postgres')('has no foreign key on sale lines and sales on PostgreSQL', async () => {
    const rows = await sql<{ conname: string }>`
      select conname from pg_constraint
      where contype = 'f' and conrelid in ('sales'::regclass, 'sale_lines'::regclass)
    `.execute(server.db);
    expect(rows.rows).toEqual([]);
  });
});
