import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DEMO_BRANCH_ID } from '../db/seed-demo';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import { makeSale, pushSales, stockLevels, type TestServer } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';
import { makeCount, pushDocs } from '../test/device-documents';
import { currentSequence } from './server-sequence';

/** Makes the database itself refuse the rows of `table` where `condition` holds, as a value no check foresaw would. */
async function failWritesOf(server: TestServer, table: string, condition: string): Promise<void> {
  if (server.kind === 'sqlite') {
    await sql
      .raw(
        `create trigger boom_${table} before insert on ${table} when ${condition} begin select raise(abort, 'boom'); end`,
      )
      .execute(server.db);
    return;
  }
  await sql
    .raw(
      `create or replace function boom_${table}() returns trigger language plpgsql as $$ begin if ${condition} then raise exception 'boom'; end if; return new; end $$;
       create trigger boom_${table} before insert on ${table} for each row execute function boom_${table}()`,
    )
    .execute(server.db);
}

/** Issue 9 defects 4 (a database error in one row), 8 (refusals advanced the sequence) and 11 (unchecked fields). */
describe.each(reachableTestDatabases)('refused documents change nothing on $label', (database: TestDatabase) => {
  const { server, device, products } = useTestServer(database, { devices: { device: {} }, catalogue: true });
  let seq = 0;
  const tableCounts = async () => {
    const out: Record<string, number> = {};
    for (const t of [
      'sales',
      'sale_lines',
      'stock_movements',
      'stock_levels',
      'stock_counts',
      'reconciliation_items',
    ]) {
      const row = await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(server.db);
      out[t] = Number(row.rows[0]!.n);
    }
    return out;
  };

  it('[S2][S3] a refused count does not advance the server sequence; a count beside it takes the next number', async () => {
    const product = products[0]!;
    const before = await currentSequence(server.db);
    const tablesBefore = await tableCounts();
    const refusedOnly = await pushDocs(server.url, device.token, 'counts', [
      makeCount(device, 'no-such-product', 1, 0),
      makeCount(device, 'no-such-product-either', 3, 0),
    ]);
    expect(refusedOnly.body.rejected.map((r) => r.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    expect(await currentSequence(server.db)).toBe(before);
    // Nothing is applied; each refused document opens one reconciliation item for a manager.
    expect(await tableCounts()).toEqual({
      ...tablesBefore,
      reconciliation_items: tablesBefore.reconciliation_items! + 2,
    });

    const mixed = await pushDocs(server.url, device.token, 'counts', [
      makeCount(device, 'no-such-product', 1, 0),
      makeCount(device, product.id, 7, 7),
      makeCount(device, 'no-such-product-either', 3, 0),
    ]);
    expect(mixed.body.rejected).toHaveLength(2);
    expect(mixed.body.acks.map((a) => a.appliedSeq)).toEqual([before + 1]);
    expect(await currentSequence(server.db)).toBe(before + 1);
  });

  it('sales in another currency than the branch`s are refused and stored nowhere', async () => {
    const before = await tableCounts();
    const res = await pushSales(server.url, device.token, [
      makeSale(device, ++seq, [{ product: products[0]!, quantity: 1 }], { currency: 'EUR' }),
      makeSale(device, ++seq, [{ product: products[0]!, quantity: 1 }], { currency: 'NaN' }),
    ]);
    expect(res.status).toBe(200);
    expect(res.body.acks).toEqual([]);
    expect(res.body.rejected.map((r) => [r.code, r.message])).toEqual([
      ['BAD_REQUEST', expect.stringMatching(/is in EUR.*sells in USD/)],
      ['BAD_REQUEST', expect.stringMatching(/is in NaN.*sells in USD/)],
    ]);
    expect(await tableCounts()).toEqual({ ...before, reconciliation_items: before.reconciliation_items! + 2 });
  });

  it('a count below zero is refused and the level stays', async () => {
    const product = products[1]!;
    const level = (await stockLevels(server.db, DEMO_BRANCH_ID)).get(product.id)?.quantity;
    const res = await pushDocs(server.url, device.token, 'counts', [makeCount(device, product.id, -5, 19)]);
    expect(res.body.rejected).toEqual([
      expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringMatching(/countedQuantity.*below zero/) }),
    ]);
    expect((await stockLevels(server.db, DEMO_BRANCH_ID)).get(product.id)?.quantity).toBe(level);
  });

  it('[S2] a database error on one sale or one count refuses that document only; the others of its batch are applied', async () => {
    await failWritesOf(server, 'sales', `new.cashier_name = 'Boom'`);
    await failWritesOf(server, 'stock_counts', 'new.counted_quantity = 4444');
    const good = makeSale(device, ++seq, [{ product: products[0]!, quantity: 1 }]);
    const boom = makeSale(device, ++seq, [{ product: products[0]!, quantity: 1 }], { cashierName: 'Boom' });
    const after = makeSale(device, ++seq, [{ product: products[0]!, quantity: 2 }]);
    const sales = await pushSales(server.url, device.token, [good, boom, after]);
    expect(sales.status).toBe(200);
    expect(sales.body.acks.map((a) => a.id)).toEqual([good.id, after.id]);
    expect(sales.body.rejected).toEqual([expect.objectContaining({ id: boom.id, code: 'INTERNAL', status: 500 })]);
    const stored = await server.db.selectFrom('sales').select('id').where('id', 'in', [good.id, boom.id, after.id]);
    expect((await stored.execute()).map((s) => s.id).sort()).toEqual([good.id, after.id].sort());

    const before = await currentSequence(server.db);
    const counts = await pushDocs(server.url, device.token, 'counts', [
      makeCount(device, products[2]!.id, 4444, 4444),
      makeCount(device, products[2]!.id, 5, 5),
    ]);
    expect(counts.status).toBe(200);
    expect(counts.body.rejected).toEqual([expect.objectContaining({ code: 'INTERNAL' })]);
    expect(counts.body.acks.map((a) => a.appliedSeq)).toEqual([before + 1]);
    expect(await currentSequence(server.db)).toBe(before + 1);
  });
});
