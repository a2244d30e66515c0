import { sql, type RawBuilder } from 'kysely';
import { describe, expect, it } from 'vitest';
import { reachableTestDatabases } from '../test/databases';
import { catalogue, makeSale, pairDevice, pushSales } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';
import { DEMO_BRANCH_ID } from './seed-demo';

/**
 * Sales name a branch and a device, sale lines a sale, stock levels a location and a product, and these
 * exist and stay: SQLite's foreign keys, and on PostgreSQL (migration 0027) a check of the rows each
 * statement inserts plus triggers that keep the rows' parents and refuse the parents' deletion. The
 * same statements are refused on both databases.
 */
describe.each(reachableTestDatabases)('the parents of sales, sale lines and stock levels on $label', (database) => {
  const { server } = useTestServer(database);

  /** Runs `statement` in a transaction rolled back, and says whether the database accepted it. */
  const accepted = (...statements: RawBuilder<unknown>[]) =>
    server.db
      .transaction()
      .execute(async (trx) => {
        for (const s of statements) await s.execute(trx);
        throw new Error('accepted');
      })
      .then(
        () => true,
        (error: Error) => error.message === 'accepted',
      );

  const aLevel = async () => {
    const level = await server.db
      .selectFrom('stock_levels')
      .selectAll()
      .where('location_id', '=', DEMO_BRANCH_ID)
      .orderBy('product_id')
      .executeTakeFirstOrThrow();
    return { ...level, quantity: Number(level.quantity), seq: Number(level.seq) };
  };

  const newLevel = (location: string, product: string) =>
    sql`insert into stock_levels (location_id, product_id, quantity, reorder_level, seq, updated_at)
        values (${location}, ${product}, 1, null, 1, '2026-11-29T00:00:00.000Z')`;
  const newLocation = sql`insert into locations (id, name, kind) values ('nueva', 'Nueva', 'branch')`;

  it('accepts a new level of a product and a location that exist, and changes to a level other than its keys', async () => {
    const level = await aLevel();
    expect(await accepted(newLocation, newLevel('nueva', level.product_id))).toBe(true);
    expect(
      await accepted(
        sql`update stock_levels set quantity = quantity + 1, seq = seq + 1, reorder_level = 3
            where location_id = ${level.location_id} and product_id = ${level.product_id}`,
      ),
    ).toBe(true);
  });

  it('refuses a new level of a product or a location that does not exist, also inside an upsert of existing levels', async () => {
    const level = await aLevel();
    expect(await accepted(newLevel(DEMO_BRANCH_ID, 'no-such-product'))).toBe(false);
    expect(await accepted(newLevel('no-such-location', level.product_id))).toBe(false);
    // The shape ingest writes (MovementBatch): one statement updating known levels and inserting new ones.
    const upsert = (product: string) => sql`
      insert into stock_levels (location_id, product_id, quantity, reorder_level, seq, updated_at)
      values (${DEMO_BRANCH_ID}, ${level.product_id}, 5, null, ${level.seq + 1}, '2026-11-29T00:00:00.000Z'),
             (${DEMO_BRANCH_ID}, ${product}, 5, null, ${level.seq + 1}, '2026-11-29T00:00:00.000Z')
      on conflict (location_id, product_id) do update set quantity = excluded.quantity, seq = excluded.seq`;
    expect(await accepted(upsert('no-such-product'))).toBe(false);
    // Twice in one transaction, as pushes of one group commit do: the second updates rows the first wrote.
    const other = await server.db
      .selectFrom('products')
      .select('id')
      .where('id', '<>', level.product_id)
      .executeTakeFirstOrThrow();
    expect(await accepted(upsert(other.id), upsert(other.id))).toBe(true);
    expect(await aLevel()).toEqual(level);
  });

  it('refuses to move a level to a product or location that does not exist', async () => {
    const level = await aLevel();
    const where = sql`where location_id = ${level.location_id} and product_id = ${level.product_id}`;
    expect(await accepted(sql`update stock_levels set product_id = 'no-such-product' ${where}`)).toBe(false);
    expect(await accepted(sql`update stock_levels set location_id = 'no-such-location' ${where}`)).toBe(false);
    expect(await aLevel()).toEqual(level);
  });

  it('refuses to delete, truncate or renumber a product or a location that levels refer to', async () => {
    // A location and a product that only a level refers to, so nothing but the level can be what refuses.
    const parents = [
      newLocation,
      sql`insert into products (id, sku, barcode, name, category, price_cents, tax_rate_bp, legacy_id, deleted, seq, updated_at)
          values ('nuevo', 'NUEVO-1', null, 'Nuevo', 'Varios', 100, 0, null, 0, 1, '2026-11-29T00:00:00.000Z')`,
      newLevel('nueva', 'nuevo'),
    ];
    expect(await accepted(...parents)).toBe(true);
    expect(await accepted(...parents, sql`delete from products where id = 'nuevo'`)).toBe(false);
    expect(await accepted(...parents, sql`update products set id = 'renumbered' where id = 'nuevo'`)).toBe(false);
    expect(await accepted(...parents, sql`delete from locations where id = 'nueva'`)).toBe(false);
    expect(await accepted(...parents, sql`update locations set id = 'renumbered' where id = 'nueva'`)).toBe(false);
    if (database.kind === 'postgres') {
      expect(await accepted(...parents, sql`truncate products cascade`)).toBe(false);
      expect(await accepted(...parents, sql`truncate locations cascade`)).toBe(false);
    }
    // Their other columns still change (the console renames locations and edits products).
    expect(await accepted(...parents, sql`update locations set name = 'Otra' where id = 'nueva'`)).toBe(true);
    expect(await accepted(...parents, sql`update products set name = 'Otro' where id = 'nuevo'`)).toBe(true);
  });

  it('moves stock through pushes of one product again and again', async () => {
    const device = await pairDevice(server);
    const [product] = await catalogue(server.url, device.token);
    const before = await server.db
      .selectFrom('stock_levels')
      .select('quantity')
      .where('location_id', '=', DEMO_BRANCH_ID)
      .where('product_id', '=', product!.id)
      .executeTakeFirstOrThrow();
    const pushes = [1, 2, 3].map((n) =>
      pushSales(server.url, device.token, [makeSale(device, n, [{ product: product!, quantity: 1 }])]),
    );
    for (const res of await Promise.all(pushes)) expect(res.body.acks).toHaveLength(1);
    const after = await server.db
      .selectFrom('stock_levels')
      .select('quantity')
      .where('location_id', '=', DEMO_BRANCH_ID)
      .where('product_id', '=', product!.id)
      .executeTakeFirstOrThrow();
    expect(Number(after.quantity)).toBe(Number(before.quantity) - 3);
  });

  /** A pushed sale (and its lines) to copy from and refer to. */
  const aSale = async () => {
    const device = await pairDevice(server);
    const [product] = await catalogue(server.url, device.token);
    const sale = makeSale(device, 1, [{ product: product!, quantity: 1 }]);
    expect((await pushSales(server.url, device.token, [sale])).body.acks).toHaveLength(1);
    return { device, product: product!, sale };
  };
  /** A copy of sale `id` as a new sale `copy`, with the branch or device given. */
  const copySale = (id: string, copy: string, parents: { branch?: string; device?: string } = {}) => sql`
    insert into sales (id, kind, refund_of, cashier_id, shift_id, branch_id, device_id, device_seq, receipt_number,
      cashier_name, device_created_at, received_at, currency, total_cents, content_hash, body, applied_seq, seq)
    select ${copy}, kind, refund_of, cashier_id, shift_id, coalesce(${parents.branch ?? null}, branch_id),
      coalesce(${parents.device ?? null}, device_id), device_seq + 1000000, receipt_number || '-copia', cashier_name,
      device_created_at, received_at, currency, total_cents, content_hash, body, applied_seq, seq
    from sales where id = ${id}`;
  const copyLines = (id: string, sale: string) => sql`
    insert into sale_lines (sale_id, line_no, product_id, name, quantity, unit_price_cents, tax_rate_bp, discount_cents,
      discount_reason, line_total_cents)
    select ${sale}, line_no, product_id, name, quantity, unit_price_cents, tax_rate_bp, discount_cents, discount_reason,
      line_total_cents
    from sale_lines where sale_id = ${id}`;

  it('accepts a sale of a branch and device that exist, with its lines', async () => {
    const { sale } = await aSale();
    expect(await accepted(copySale(sale.id, 'copia'), copyLines(sale.id, 'copia'))).toBe(true);
  });

  it('refuses a sale naming a branch or device that does not exist, and a line naming a sale that does not exist', async () => {
    const { sale } = await aSale();
    expect(await accepted(copySale(sale.id, 'copia', { branch: 'no-such-branch' }))).toBe(false);
    expect(await accepted(copySale(sale.id, 'copia', { device: 'no-such-device' }))).toBe(false);
    expect(await accepted(copyLines(sale.id, 'no-such-sale'))).toBe(false);
  });

  it('refuses to move a sale to a branch or device, or a line to a sale, that does not exist', async () => {
    const { sale } = await aSale();
    expect(await accepted(sql`update sales set branch_id = 'no-such-branch' where id = ${sale.id}`)).toBe(false);
    expect(await accepted(sql`update sales set device_id = 'no-such-device' where id = ${sale.id}`)).toBe(false);
    expect(await accepted(sql`update sale_lines set sale_id = 'no-such-sale' where sale_id = ${sale.id}`)).toBe(false);
    // Other columns still change.
    expect(await accepted(sql`update sales set received_at = received_at where id = ${sale.id}`)).toBe(true);
  });

  it('refuses to delete, truncate or renumber a sale, a device or a branch that sales refer to', async () => {
    const { device, sale } = await aSale();
    expect(await accepted(sql`delete from sales where id = ${sale.id}`)).toBe(false);
    expect(await accepted(sql`update sales set id = ${`${sale.id}-x`} where id = ${sale.id}`)).toBe(false);
    expect(await accepted(sql`delete from devices where id = ${device.deviceId}`)).toBe(false);
    expect(await accepted(sql`update devices set id = ${`${device.deviceId}-x`} where id = ${device.deviceId}`)).toBe(
      false,
    );
    expect(await accepted(sql`delete from branches where id = ${device.branch.id}`)).toBe(false);
    if (database.kind === 'postgres') {
      expect(await accepted(sql`truncate sales cascade`)).toBe(false);
      expect(await accepted(sql`truncate devices cascade`)).toBe(false);
      expect(await accepted(sql`truncate branches cascade`)).toBe(false);
    }
    // A parent's other columns still change (the console renames devices and branches).
    expect(await accepted(sql`update devices set name = ${'renamed'} where id = ${device.deviceId}`)).toBe(true);
  });

  it('refuses a pushed sale of a product the catalogue does not have, or authored by a device that does not exist, and writes none of it', async () => {
    const device = await pairDevice(server);
    const [product] = await catalogue(server.url, device.token);
    const unknownProduct = makeSale(device, 1, [
      { product: product!, quantity: 1 },
      { product: { id: 'no-such-product', name: 'Nada', priceCents: 100 }, quantity: 1 },
    ]);
    const unknownDevice = makeSale(device, 2, [{ product: product!, quantity: 1 }], { deviceId: 'no-such-device' });
    const res = await pushSales(server.url, device.token, [unknownProduct, unknownDevice]);
    expect(res.body.acks).toEqual([]);
    expect(res.body.rejected).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: unknownProduct.id, code: 'NOT_FOUND' }),
        expect.objectContaining({ id: unknownDevice.id, code: 'FORBIDDEN' }),
      ]),
    );
    for (const id of [unknownProduct.id, unknownDevice.id]) {
      const [sales, lines, movements] = await Promise.all([
        server.db.selectFrom('sales').select('id').where('id', '=', id).execute(),
        server.db.selectFrom('sale_lines').select('sale_id').where('sale_id', '=', id).execute(),
        server.db.selectFrom('stock_movements').select('id').where('sale_id', '=', id).execute(),
      ]);
      expect(sales.length + lines.length + movements.length).toBe(0);
    }
  });

  it.runIf(database.kind === 'postgres')(
    'has no foreign keys on sales, sale lines and stock levels on PostgreSQL, and a check of their inserts instead',
    async () => {
      const keys = await sql<{ conname: string }>`
        select conname from pg_constraint
        where contype = 'f' and conrelid in ('sales'::regclass, 'sale_lines'::regclass, 'stock_levels'::regclass)`.execute(
        server.db,
      );
      expect(keys.rows).toEqual([]);
      const checks = await sql<{ tgname: string }>`
        select tgname from pg_trigger
        where tgrelid in ('sales'::regclass, 'sale_lines'::regclass, 'stock_levels'::regclass) and tgname like '%_parents_exist'
        order by tgname`.execute(server.db);
      expect(checks.rows.map((r) => r.tgname)).toEqual([
        'sale_lines_parents_exist',
        'sales_parents_exist',
        'stock_levels_parents_exist',
      ]);
    },
  );
});
