import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DeviceIdentity } from '../auth/device-identity';
import { DEMO_BRANCH_ID } from '../db/seed-demo';
import { reachableTestDatabases } from '../test/databases';
import { catalogue, makeSale, pairDevice, stockLevels, type PairedDevice } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';
import { GroupCommitter, groupCommitter } from './group-commit';
import { ingestSales } from './ingest-sales';
import { currentSequence } from './server-sequence';

/**
 * Group commit (group-commit.ts, for bench/server-bench.ts): pushes waiting behind the sequence
 * lock share one transaction, each in a savepoint. These prove that sharing never changes what a
 * push gets: its own acks with the sequence its rows carry, its own refusals, its own failure.
 */
describe.each(reachableTestDatabases)('group commit on $label', (database) => {
  const { server } = useTestServer(database);
  beforeAll(async () => {
    // A parent/child pair whose foreign key is checked only at COMMIT, on both databases: a way to
    // make a whole group transaction fail at its commit.
    await sql`create table gc_parent (id text primary key)`.execute(server.db);
    await sql`create table gc_child (id text primary key, parent_id text not null references gc_parent (id) deferrable initially deferred)`.execute(
      server.db,
    );
  });

  const insertParent =
    (id: string) =>
    async (
      trx: Parameters<Parameters<GroupCommitter['run']>[0]>[0],
      seq: Parameters<Parameters<GroupCommitter['run']>[0]>[1],
    ) => {
      await sql`insert into gc_parent (id) values (${id})`.execute(trx);
      return seq.next();
    };
  const parents = async () =>
    (await sql<{ id: string }>`select id from gc_parent order by id`.execute(server.db)).rows.map((r) => r.id);

  it('[S3] works submitted together share one transaction and take sequence numbers in submission order', async () => {
    const committer = new GroupCommitter(server.db);
    const before = await currentSequence(server.db);
    const seqs = await Promise.all([
      committer.run(insertParent('a1')),
      committer.run(insertParent('a2')),
      committer.run(insertParent('a3')),
    ]);
    expect(committer.recentGroupSizes).toEqual([3]);
    expect(seqs).toEqual([before + 1, before + 2, before + 3]);
    expect(await currentSequence(server.db)).toBe(before + 3);
    expect(await parents()).toEqual(expect.arrayContaining(['a1', 'a2', 'a3']));
  });

  it('a work that fails is rolled back to its savepoint: its caller alone gets the error, its sequence numbers are given back', async () => {
    const committer = new GroupCommitter(server.db);
    const before = await currentSequence(server.db);
    const results = await Promise.allSettled([
      committer.run(insertParent('b1')),
      // A database error (duplicate key) after a write of its own: on PostgreSQL this aborts the
      // transaction unless rolled back to the savepoint.
      committer.run(async (trx, seq) => {
        await sql`insert into gc_parent (id) values (${'b2'})`.execute(trx);
        seq.next();
        await sql`insert into gc_parent (id) values (${'b1'})`.execute(trx);
        return seq.next();
      }),
      committer.run(insertParent('b3')),
    ]);
    expect(committer.recentGroupSizes).toEqual([3]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[0]).toEqual({ status: 'fulfilled', value: before + 1 });
    expect(results[2]).toEqual({ status: 'fulfilled', value: before + 2 });
    expect(await currentSequence(server.db)).toBe(before + 2);
    const rows = await parents();
    expect(rows).toEqual(expect.arrayContaining(['b1', 'b3']));
    expect(rows).not.toContain('b2');
  });

  it('when the group transaction itself fails (here at COMMIT), each work runs again alone and only the culprit fails', async () => {
    const committer = new GroupCommitter(server.db);
    const before = await currentSequence(server.db);
    const results = await Promise.allSettled([
      committer.run(insertParent('c1')),
      committer.run(async (trx, seq) => {
        await sql`insert into gc_child (id, parent_id) values (${'orphan'}, ${'no-such-parent'})`.execute(trx);
        return seq.next();
      }),
      committer.run(insertParent('c3')),
    ]);
    expect(committer.recentGroupSizes).toEqual([3, 1, 1, 1]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[0]).toEqual({ status: 'fulfilled', value: before + 1 });
    expect(results[2]).toEqual({ status: 'fulfilled', value: before + 2 });
    expect(await currentSequence(server.db)).toBe(before + 2);
    expect(await parents()).toEqual(expect.arrayContaining(['c1', 'c3']));
    expect((await sql`select id from gc_child`.execute(server.db)).rows).toEqual([]);
  });

  async function identityOf(device: PairedDevice): Promise<DeviceIdentity> {
    const row = await server.db
      .selectFrom('devices')
      .innerJoin('branches', 'branches.id', 'devices.branch_id')
      .select(['devices.id', 'devices.number', 'devices.branch_id', 'branches.location_id', 'branches.receipt_prefix'])
      .where('devices.id', '=', device.deviceId)
      .executeTakeFirstOrThrow();
    return {
      deviceId: row.id,
      deviceNumber: Number(row.number),
      branchId: row.branch_id,
      locationId: row.location_id,
      receiptPrefix: row.receipt_prefix,
    };
  }

  it('[S2][S3][S5] two pushes in one group, one with a refused sale, each get their own acks with the sequence their rows carry', async () => {
    const [a, b] = [await pairDevice(server), await pairDevice(server)];
    const products = await catalogue(server.url, a.token);
    const [apples, bread] = [
      products.find((p) => p.name === 'Manzanas Orgánicas')!,
      products.find((p) => p.name === 'Pan Integral')!,
    ];
    const salesA = [1, 2, 3].map((n) => makeSale(a, n, [{ product: apples, quantity: 1 }]));
    const unknownProduct = { id: 'no-such-product', name: 'Nada', priceCents: 100 };
    const salesB = [
      makeSale(b, 1, [{ product: bread, quantity: 1 }]),
      makeSale(b, 2, [{ product: unknownProduct, quantity: 1 }]),
      makeSale(b, 3, [{ product: apples, quantity: 2 }]),
    ];
    const before = await currentSequence(server.db);
    const groupsBefore = groupCommitter(server.db).recentGroupSizes.length;
    const rows = (sales: unknown[]) => sales.map((s) => ({ newDocumentState: s }));
    // Submitted in the same turn of the event loop: one group of two.
    const [idA, idB] = [await identityOf(a), await identityOf(b)];
    const [resultA, resultB] = await Promise.all([
      ingestSales(server.db, idA, rows(salesA)),
      ingestSales(server.db, idB, rows(salesB)),
    ]);
    expect(groupCommitter(server.db).recentGroupSizes.slice(groupsBefore)).toEqual([2]);

    expect(resultA.rejected).toEqual([]);
    expect(resultA.acks).toEqual(salesA.map((s, i) => ({ id: s.id, appliedSeq: before + 1 + i })));
    expect(resultA.appliedUpTo).toBe(before + 3);
    expect(resultB.rejected).toEqual([expect.objectContaining({ id: salesB[1]!.id, code: 'NOT_FOUND', status: 404 })]);
    expect(resultB.acks).toEqual([
      { id: salesB[0]!.id, appliedSeq: before + 4 },
      { id: salesB[2]!.id, appliedSeq: before + 5 },
    ]);
    expect(resultB.appliedUpTo).toBe(before + 5);
    expect(await currentSequence(server.db)).toBe(before + 5);

    // Each ack's sequence is the one its sale row and its movements carry.
    for (const ack of [...resultA.acks, ...resultB.acks]) {
      const sale = await server.db
        .selectFrom('sales')
        .select(['applied_seq', 'seq'])
        .where('id', '=', ack.id)
        .executeTakeFirstOrThrow();
      expect(Number(sale.applied_seq)).toBe(ack.appliedSeq);
      const movements = await server.db
        .selectFrom('stock_movements')
        .select('seq')
        .where('sale_id', '=', ack.id)
        .execute();
      expect(movements.map((m) => Number(m.seq))).toEqual([ack.appliedSeq]);
    }
    const refused = await server.db
      .selectFrom('rejected_sales')
      .select(['sale_id', 'code'])
      .where('sale_id', '=', salesB[1]!.id)
      .execute();
    expect(refused).toEqual([{ sale_id: salesB[1]!.id, code: 'NOT_FOUND' }]);
    // The later push's movement of the same product comes after the earlier push's (levels are exact).
    const levels = await stockLevels(server.db, DEMO_BRANCH_ID);
    expect(levels.get(apples.id)?.seq).toBe(before + 5);
    expect(levels.get(bread.id)?.seq).toBe(before + 4);
  });

  it('[S2] the same sale in two pushes of one group (a retry while the first is queued) is applied once, both get the same ack', async () => {
    const device = await pairDevice(server);
    const identity = await identityOf(device);
    const products = await catalogue(server.url, device.token);
    const sale = makeSale(device, 1, [{ product: products[0]!, quantity: 1 }]);
    const reused = {
      ...sale,
      lines: [{ ...sale.lines[0]!, quantity: 2, lineTotalCents: sale.lines[0]!.unitPriceCents * 2 }],
      totalCents: sale.lines[0]!.unitPriceCents * 2,
    };
    reused.payments = [{ method: 'cash', amountCents: reused.totalCents, tenderedCents: reused.totalCents }];
    const groupsBefore = groupCommitter(server.db).recentGroupSizes.length;
    const [first, retry, other] = await Promise.all([
      ingestSales(server.db, identity, [{ newDocumentState: sale }]),
      ingestSales(server.db, identity, [{ newDocumentState: sale }]),
      ingestSales(server.db, identity, [{ newDocumentState: reused }]),
    ]);
    expect(groupCommitter(server.db).recentGroupSizes.slice(groupsBefore)).toEqual([3]);
    expect(first.acks).toHaveLength(1);
    expect(retry.acks).toEqual(first.acks);
    expect(retry.appliedUpTo).toBeNull();
    expect(other.acks).toEqual([]);
    expect(other.rejected).toEqual([expect.objectContaining({ id: sale.id, code: 'SALE_ID_REUSED', status: 409 })]);
    const movements = await server.db
      .selectFrom('stock_movements')
      .select('delta')
      .where('sale_id', '=', sale.id)
      .execute();
    expect(movements.map((m) => Number(m.delta))).toEqual([-1]);
  });
});
