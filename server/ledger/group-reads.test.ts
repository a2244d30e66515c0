import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTogether } from '../db/read-batch';
import { DEMO_BRANCH_ID } from '../db/seed-demo';
import { reachableTestDatabases } from '../test/databases';
import { startTestServer, type TestServer } from '../test/test-server';
import { BranchReads } from './branch-reads';
import { CatalogueReads } from './master-price';

// The reads a group commit keeps for all its works (GroupScope memos) must not keep anything of a
// read that failed: the work is rolled back to its savepoint and the next work of the group reads again.
describe.each(reachableTestDatabases)('group reads after a failed read on $label', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(database);
  });
  afterAll(() => server?.close());

  it('a product whose reads did not all complete is read again, not taken for one the catalogue lacks', async () => {
    const ids = (await server.db.selectFrom('products').select('id').limit(3).execute()).map((p) => p.id);
    await server.db.transaction().execute(async (trx) => {
      const catalogue = new CatalogueReads();
      const [products] = catalogue.reads(trx, ids);
      // Only the first read came back (the second failed and the work was rolled back).
      products!.accept((await trx.executeQuery(products!.query.compile())).rows);
      for (const id of ids) expect(catalogue.name(id)).toBeUndefined();
      await catalogue.load(trx, ids);
      for (const id of ids) expect(catalogue.name(id)).toEqual(expect.any(String));
      expect(catalogue.facts(ids[0]!)).toMatchObject({ unit: expect.any(String), category: expect.any(String) });
    });
  });

  it("a branch whose reads did not all complete is read again; once read, its facts are the database's", async () => {
    await server.db.transaction().execute(async (trx) => {
      const branches = new BranchReads();
      const reads = branches.reads(trx, DEMO_BRANCH_ID);
      expect(reads).toHaveLength(3);
      reads[0]!.accept((await trx.executeQuery(reads[0]!.query.compile())).rows);
      expect(() => branches.currency(DEMO_BRANCH_ID)).toThrow(/not read/);
      await readTogether(trx, branches.reads(trx, DEMO_BRANCH_ID));
      const branch = await trx
        .selectFrom('branches')
        .select('currency')
        .where('id', '=', DEMO_BRANCH_ID)
        .executeTakeFirstOrThrow();
      expect(branches.currency(DEMO_BRANCH_ID)).toBe(branch.currency);
      expect(branches.reads(trx, DEMO_BRANCH_ID)).toEqual([]);
    });
  });
});
