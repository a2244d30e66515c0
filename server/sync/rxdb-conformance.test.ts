import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { firstValueFrom, filter } from 'rxjs';
import { migrationStrategiesOf, POS_SCHEMAS } from '../../client/sync/collections';
import { COLLECTION_SCHEMA_VERSIONS, stockLevelId, type ProductDoc, type SaleDoc } from '../../shared/protocol';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import { makeSale, pairDevice, startTestServer, type PairedDevice, type TestServer } from '../test/test-server';

/**
 * A plain RxDB client, written from RxDB's replication docs (replicate-rx-collection,
 * replication-http): memory storage, and pull and push handlers that pass the server's answers
 * through untouched. The only things it knows of this server are its URLs and the device token.
 */
function plainReplication(server: TestServer, device: PairedDevice, collection: RxCollection, path: string) {
  const headers = { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' };
  return replicateRxCollection<unknown, { seq: number; id: string }>({
    collection,
    replicationIdentifier: `plain-${path}-${server.url}`,
    live: true,
    retryTime: 60_000,
    pull: {
      async handler(checkpoint, batchSize) {
        const query = `seq=${checkpoint?.seq ?? 0}&id=${checkpoint?.id ?? ''}&limit=${batchSize}`;
        return (await fetch(`${server.url}/api/sync/v1/${path}/pull?${query}`, { headers })).json();
      },
    },
    push: {
      async handler(rows) {
        const res = await fetch(`${server.url}/api/sync/v1/${path}/push`, {
          method: 'POST',
          headers,
          body: JSON.stringify(rows),
        });
        return res.json();
      },
    },
  });
}

// Schemas above version 0 need RxDB's migration plugin and a migration strategy per version step.
addRxPlugin(RxDBMigrationSchemaPlugin);

interface PlainCollections {
  products: RxCollection<Omit<ProductDoc, '_deleted'>>;
  stock: RxCollection;
  sales: RxCollection<Omit<SaleDoc, '_deleted'>>;
}

describe.each(reachableTestDatabases)(
  'a plain RxDB client replicates with the server on $label',
  (database: TestDatabase) => {
    let server: TestServer;
    let db: RxDatabase<PlainCollections>;
    let replications: RxReplicationState<unknown, { seq: number; id: string }>[];

    beforeEach(async () => {
      server = await startTestServer(database);
      db = await createRxDatabase<PlainCollections>({
        name: `plain-${Date.now()}-${Math.random().toString(36).slice(2)}`,
        storage: getRxStorageMemory(),
        multiInstance: false,
      });
      await db.addCollections({
        products: { schema: POS_SCHEMAS.products, migrationStrategies: migrationStrategiesOf('products') },
        stock: { schema: POS_SCHEMAS.stock, migrationStrategies: migrationStrategiesOf('stock') },
        sales: { schema: POS_SCHEMAS.sales, migrationStrategies: migrationStrategiesOf('sales') },
      });
      replications = [];
    });

    afterEach(async () => {
      for (const r of replications) await r.cancel();
      // RxDB's free storages allow 13 open collections per process: every test closes its own.
      await db?.close();
      await server?.close();
    });

    async function start(device: PairedDevice) {
      const products = plainReplication(server, device, db.products, `products/${COLLECTION_SCHEMA_VERSIONS.products}`);
      const stock = plainReplication(server, device, db.stock, `stock/${COLLECTION_SCHEMA_VERSIONS.stock}`);
      const sales = plainReplication(server, device, db.sales, `sales/${COLLECTION_SCHEMA_VERSIONS.sales}`);
      replications = [products, stock, sales];
      for (const r of replications) await r.awaitInitialReplication();
      return { products, stock, sales };
    }

    it('[S2][S5] pulls products and stock, pushes a sale, and pulls the stock the sale moved', async () => {
      const device = await pairDevice(server);
      const { stock, sales } = await start(device);

      const products = await db.products.find().exec();
      expect(products.length).toBeGreaterThan(0);
      const pan = products.find((p) => p.name === 'Pan Integral')!;
      const levelId = stockLevelId(device.branch.locationId, pan.id);
      const before = (await db.stock.findOne(levelId).exec())!.get('quantity') as number;

      const { _deleted, ...sale } = makeSale(device, 1, [{ product: pan.toJSON(), quantity: 2 }]);
      void _deleted;
      await db.sales.insert(sale);
      await sales.awaitInSync();

      const stored = await server.db.selectFrom('sales').select('id').where('id', '=', sale.id).execute();
      expect(stored).toHaveLength(1);
      stock.reSync();
      await stock.awaitInSync();
      expect((await db.stock.findOne(levelId).exec())!.get('quantity')).toBe(before - 2);
    });

    it('[S2] a refused sale fails the push in error$ (4xx), and the good sale of the same batch is applied', async () => {
      const device = await pairDevice(server);
      const { sales } = await start(device);
      const pan = (await db.products.find().exec()).find((p) => p.name === 'Pan Integral')!.toJSON();
      await sales.pause();

      const { _deleted: _a, ...good } = makeSale(device, 1, [{ product: pan, quantity: 1 }]);
      const { _deleted: _b, ...bad } = makeSale(device, 2, [{ product: pan, quantity: 1 }], { totalCents: 1 });
      void [_a, _b];
      await db.sales.bulkInsert([good, bad]);
      const failed = firstValueFrom(sales.error$.pipe(filter(Boolean)));
      await sales.start();
      // The pass-through handler hands RxDB the server's 4xx body, which is not a conflicts array.
      const error = (await failed) as { code: string; parameters: { args?: { result?: unknown } } };
      expect(error.code).toBe('RC_PUSH_NO_AR');
      const answer = error.parameters.args?.result as { error: { code: string; message: string; details: unknown[] } };
      expect(answer.error.code).toBe('BAD_REQUEST');
      expect(answer.error.message).toContain('refused 1 of the 2 documents');
      expect(answer.error.details).toEqual([{ path: bad.id, message: expect.stringContaining('BAD_REQUEST') }]);
      const stored = await server.db.selectFrom('sales').select('id').execute();
      expect(stored.map((s) => s.id)).toEqual([good.id]);
    });
  },
);
