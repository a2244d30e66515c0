import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import {
  branchSettingsDocSchema,
  cashierDocSchema,
  otherStockLevelDocSchema,
  saleDocSchema,
  SETTINGS_V1_DEFAULTS,
  syncPath,
  transferDocSchema,
  type BranchSettingsDoc,
  type CashierDoc,
  type Checkpoint,
  type OtherStockLevelDoc,
  type ReplicatedCollection,
  type SaleDoc,
  type TransferDoc,
} from '../../shared/protocol';
import { hashPin } from '../../shared/auth/pin-hash';
import { branchSettings, saveBranchSettings } from '../catalogue/branch-settings';
import type { Transaction } from 'kysely';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { CENTRE_LOCATION_ID, DEMO_BRANCH_ID } from '../db/seed-demo';
import { SequenceAllocator } from '../ledger/server-sequence';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import { makeSale, openStream, pushSales, request, type TestServer } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';
import { collectionsFor } from './sync-routes';

const OTHER_BRANCH = 'sucursal-002';

/** Writes with a fresh server sequence, as every server change does (SPEC S3). */
async function stamped(db: Db, fn: (trx: Transaction<Database>, seq: number) => Promise<unknown>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const s = await SequenceAllocator.lock(trx);
    const n = s.next();
    await fn(trx, n);
    await s.save();
    return n;
  });
}

async function addCashier(db: Db, branchId: string, name: string, pin = '1234'): Promise<string> {
  const id = uuidv7();
  const hash = await hashPin(pin, undefined, 1000);
  const now = new Date().toISOString();
  await stamped(db, (trx, seq) =>
    trx
      .insertInto('cashiers')
      .values({
        id,
        branch_id: branchId,
        name,
        role: 'cashier',
        pin_hash: hash.pinHash,
        pin_salt: hash.pinSalt,
        pin_iterations: hash.pinIterations,
        active: 1,
        deleted: 0,
        seq,
        created_at: now,
        updated_at: now,
      })
      .execute(),
  );
  return id;
}

async function addTransfer(db: Db, from: string, to: string, productId: string): Promise<string> {
  const id = uuidv7();
  await stamped(db, (trx, seq) =>
    trx
      .insertInto('transfers')
      .values({
        id,
        from_location_id: from,
        to_location_id: to,
        lines: JSON.stringify([{ productId, quantity: 3 }]),
        status: 'sent',
        note: 'reposición',
        sent_at: new Date().toISOString(),
        received_at: null,
        seq,
        created_by: 'test',
      })
      .execute(),
  );
  return id;
}

interface Page<D> {
  documents: D[];
  checkpoint: Checkpoint | null;
}

function pull<D>(
  server: TestServer,
  collection: ReplicatedCollection,
  token: string,
  since: Partial<Checkpoint> & { limit?: number } = {},
) {
  const q = new URLSearchParams();
  if (since.seq !== undefined) q.set('seq', String(since.seq));
  if (since.id !== undefined) q.set('id', since.id);
  if (since.limit !== undefined) q.set('limit', String(since.limit));
  return request<Page<D>>(server.url, `${syncPath(collection, 'pull')}?${q}`, { token });
}

/**
 * Pulls a collection page by page from `from` until the checkpoint is null, checking SPEC S5 on
 * the way: every page at most `limit` long, checkpoints strictly increasing in (seq, id).
 */
async function pullAll<D>(
  server: TestServer,
  collection: ReplicatedCollection,
  token: string,
  limit: number,
  from: Checkpoint = { seq: 0, id: '' },
) {
  const documents: D[] = [];
  let cp = from;
  for (let i = 0; i < 1000; i++) {
    const res = await pull<D>(server, collection, token, { ...cp, limit });
    expect(res.status).toBe(200);
    expect(res.body.documents.length).toBeLessThanOrEqual(limit);
    if (res.body.checkpoint === null) {
      expect(res.body.documents).toEqual([]);
      return { documents, checkpoint: cp };
    }
    const next = res.body.checkpoint;
    expect(next.seq > cp.seq || (next.seq === cp.seq && next.id > cp.id)).toBe(true);
    documents.push(...res.body.documents);
    cp = next;
  }
  throw new Error('pull did not end');
}

describe.each(reachableTestDatabases)('replication pulls of every collection on $label', (database: TestDatabase) => {
  const { server, a1, a2, b1, products } = useTestServer(database, {
    branches: { [OTHER_BRANCH]: '002' },
    devices: { a1: { name: 'Caja 1' }, a2: { name: 'Caja 2' }, b1: { branchId: OTHER_BRANCH, name: 'Caja B' } },
    catalogue: true,
  });

  describe('otherstock', () => {
    it('[S5] pages through the levels of every other location (centre and other branches), never the device’s own', async () => {
      const { documents } = await pullAll<OtherStockLevelDoc>(server, 'otherstock', b1.token, 3);
      for (const d of documents) otherStockLevelDocSchema.parse(d);
      const all = await server.db
        .selectFrom('stock_levels')
        .selectAll()
        .where('location_id', '<>', OTHER_BRANCH)
        .execute();
      expect(documents.map((d) => d.id).sort()).toEqual(all.map((r) => `${r.location_id}:${r.product_id}`).sort());
      expect(new Set(documents.map((d) => d.locationId))).toEqual(new Set([CENTRE_LOCATION_ID, DEMO_BRANCH_ID]));
      const centre = documents.find((d) => d.locationId === CENTRE_LOCATION_ID);
      expect(centre?.locationName).toBe('Almacén central');
      expect(Date.parse(centre!.updatedAt)).not.toBeNaN();
    });

    it('[S8] excludes the device’s own location: a sucursal-001 tablet sees only the centre here', async () => {
      const { documents } = await pullAll<OtherStockLevelDoc>(server, 'otherstock', a1.token, 100);
      expect(documents.length).toBeGreaterThan(0);
      expect(documents.every((d) => d.locationId === CENTRE_LOCATION_ID)).toBe(true);
    });

    it('[S5] a sale at sucursal-001 reaches the other branch’s otherstock pull from its last checkpoint', async () => {
      const { checkpoint } = await pullAll<OtherStockLevelDoc>(server, 'otherstock', b1.token, 100);
      const apples = products.find((p) => p.name === 'Manzanas Orgánicas')!;
      const before = await server.db
        .selectFrom('stock_levels')
        .select('quantity')
        .where('location_id', '=', DEMO_BRANCH_ID)
        .where('product_id', '=', apples.id)
        .executeTakeFirstOrThrow();
      const push = await pushSales(server.url, a1.token, [makeSale(a1, 1, [{ product: apples, quantity: 2 }])]);
      expect(push.body.acks).toHaveLength(1);
      const after = await pullAll<OtherStockLevelDoc>(server, 'otherstock', b1.token, 100, checkpoint);
      expect(after.documents).toEqual([
        expect.objectContaining({
          locationId: DEMO_BRANCH_ID,
          productId: apples.id,
          quantity: Number(before.quantity) - 2,
        }),
      ]);
    });
  });

  describe('sales', () => {
    it('[S5] another tablet of the branch pulls the branch’s sales page by page, as they were sent', async () => {
      const apples = products.find((p) => p.name === 'Pan Integral')!;
      const sent = [
        makeSale(a1, 2, [{ product: apples, quantity: 1 }]),
        makeSale(a1, 3, [{ product: apples, quantity: 1 }]),
      ];
      expect((await pushSales(server.url, a1.token, sent)).body.acks).toHaveLength(2);
      const { documents } = await pullAll<SaleDoc>(server, 'sales', a2.token, 1);
      for (const d of documents) saleDocSchema.parse(d);
      for (const s of sent) expect(documents).toContainEqual(s);
      expect(documents.every((d) => d.branchId === DEMO_BRANCH_ID)).toBe(true);
    });

    it('[S8] a device of another branch never sees this branch’s sales', async () => {
      const { documents } = await pullAll<SaleDoc>(server, 'sales', b1.token, 50);
      expect(documents).toEqual([]);
    });

    it('[S5] only the last SALES_PULL_DAYS days (30 by default) of sales are pulled', async () => {
      const old = (await pullAll<SaleDoc>(server, 'sales', a2.token, 50)).documents[0]!;
      await server.db
        .updateTable('sales')
        .set({ received_at: new Date(Date.now() - 31 * 86_400_000).toISOString() })
        .where('id', '=', old.id)
        .execute();
      const { documents } = await pullAll<SaleDoc>(server, 'sales', a2.token, 50);
      expect(documents.map((d) => d.id)).not.toContain(old.id);
      expect(documents.length).toBeGreaterThan(0);
    });
  });

  describe('cashiers', () => {
    it('[S5][S8] the branch’s cashiers page by page with their PIN hash, never a PIN; another branch’s device never sees them', async () => {
      const ana = await addCashier(server.db, DEMO_BRANCH_ID, 'Ana', '4821');
      const luis = await addCashier(server.db, DEMO_BRANCH_ID, 'Luis');
      const bea = await addCashier(server.db, OTHER_BRANCH, 'Bea');
      const mine = await pullAll<CashierDoc>(server, 'cashiers', a1.token, 1);
      expect(mine.documents.map((c) => c.id)).toEqual([ana, luis]);
      for (const c of mine.documents) cashierDocSchema.strict().parse(c);
      expect(JSON.stringify(mine.documents)).not.toContain('4821');
      const theirs = await pullAll<CashierDoc>(server, 'cashiers', b1.token, 10);
      expect(theirs.documents.map((c) => c.id)).toEqual([bea]);
    });
  });

  describe('settings', () => {
    it('[S5] a branch nobody configured yet gets its defaults once (allowOversell true, idle lock 120 s), then nothing new', async () => {
      const first = await pull<BranchSettingsDoc>(server, 'settings', a1.token);
      expect(first.status).toBe(200);
      expect(first.body.documents).toEqual([
        branchSettingsDocSchema.parse({
          id: DEMO_BRANCH_ID,
          name: 'Sucursal 001',
          locationId: DEMO_BRANCH_ID,
          currency: 'USD',
          allowOversell: true,
          idleLockSeconds: 120,
          receiptHeader: '',
          receiptFooter: '',
          ...SETTINGS_V1_DEFAULTS,
          _deleted: false,
        }),
      ]);
      const again = await pull<BranchSettingsDoc>(server, 'settings', a1.token, first.body.checkpoint!);
      expect(again.body).toEqual({ documents: [], checkpoint: null });
    });

    it('[S5][S8] a change of the branch’s settings reaches its devices from their checkpoint, and no other branch’s', async () => {
      const cpA = (await pull<BranchSettingsDoc>(server, 'settings', a1.token)).body.checkpoint!;
      const cpB = (await pull<BranchSettingsDoc>(server, 'settings', b1.token)).body.checkpoint!;
      const current = (await branchSettings(server.db, DEMO_BRANCH_ID))!;
      await stamped(server.db, (trx, seq) =>
        saveBranchSettings(
          trx,
          { ...current, allowOversell: false, receiptFooter: '¡Gracias!' },
          seq,
          new Date().toISOString(),
        ),
      );
      const a = await pull<BranchSettingsDoc>(server, 'settings', a1.token, cpA);
      expect(a.body.documents).toEqual([
        expect.objectContaining({ id: DEMO_BRANCH_ID, allowOversell: false, receiptFooter: '¡Gracias!' }),
      ]);
      const b = await pull<BranchSettingsDoc>(server, 'settings', b1.token, cpB);
      expect(b.body).toEqual({ documents: [], checkpoint: null });
      const bAll = await pull<BranchSettingsDoc>(server, 'settings', b1.token);
      expect(bAll.body.documents.map((d) => d.id)).toEqual([OTHER_BRANCH]);
    });
  });

  describe('transfers', () => {
    it('[S5][S8] transfers addressed to the device’s location page by page; another branch’s transfers never', async () => {
      const p = products[0]!;
      const t1 = await addTransfer(server.db, CENTRE_LOCATION_ID, DEMO_BRANCH_ID, p.id);
      const t2 = await addTransfer(server.db, CENTRE_LOCATION_ID, DEMO_BRANCH_ID, p.id);
      const tb = await addTransfer(server.db, CENTRE_LOCATION_ID, OTHER_BRANCH, p.id);
      const mine = await pullAll<TransferDoc>(server, 'transfers', a1.token, 1);
      expect(mine.documents.map((t) => t.id)).toEqual([t1, t2]);
      for (const t of mine.documents) transferDocSchema.parse(t);
      expect(mine.documents[0]).toMatchObject({
        fromLocationId: CENTRE_LOCATION_ID,
        toLocationId: DEMO_BRANCH_ID,
        lines: [{ productId: p.id, quantity: 3 }],
        status: 'sent',
        note: 'reposición',
      });
      const theirs = await pullAll<TransferDoc>(server, 'transfers', b1.token, 10);
      expect(theirs.documents.map((t) => t.id)).toEqual([tb]);
    });
  });

  describe('versions and scope', () => {
    it.each(['otherstock', 'sales', 'cashiers', 'settings', 'transfers'] as const)(
      '[S9] %s pulled with another schema version is answered 426 CLIENT_OUTDATED',
      async (collection) => {
        const res = await request<{ error: { code: string; message: string } }>(
          server.url,
          `/api/sync/v1/${collection}/7/pull`,
          { token: a1.token },
        );
        expect(res.status).toBe(426);
        expect(res.body.error.code).toBe('CLIENT_OUTDATED');
        expect(res.body.error.message).toMatch(/Update the app/);
      },
    );

    it.each(['otherstock', 'sales', 'cashiers', 'settings', 'transfers'] as const)(
      '[S8] %s pull without a device token is 401',
      async (collection) => {
        const res = await request(server.url, syncPath(collection, 'pull'));
        expect(res.status).toBe(401);
      },
    );

    it('[S5] a malformed checkpoint is a 400 naming the field', async () => {
      const res = await request<{ error: { code: string; message: string } }>(
        server.url,
        `${syncPath('cashiers', 'pull')}?seq=-1`,
        { token: a1.token },
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('seq');
    });
  });

  describe('live stream', () => {
    it('[S6] a sale at sucursal-001 tells the other branch’s device "otherstock" only, and the branch’s other tablet "stock" and "sales"', async () => {
      const other = await openStream(server.url, b1.token);
      const sibling = await openStream(server.url, a2.token);
      try {
        await other.next('resync', 2000);
        await sibling.next('resync', 2000);
        const bread = products.find((p) => p.name === 'Pan Integral')!;
        expect(
          (await pushSales(server.url, a1.token, [makeSale(a1, 10, [{ product: bread, quantity: 1 }])])).body.acks,
        ).toHaveLength(1);
        const toOther = await other.next('changed', 2000);
        expect(toOther.data).toMatchObject({ collections: ['otherstock'] });
        const toSibling = await sibling.next('changed', 2000);
        expect((toSibling.data as { collections: string[] }).collections.sort()).toEqual(['sales', 'stock']);
      } finally {
        other.close();
        sibling.close();
      }
    });
  });
});

describe('collectionsFor: what of a change concerns a device', () => {
  const device = { branchId: 'b1', locationId: 'l1' };
  it('[S6] products and otherstock go to every device', () => {
    expect(collectionsFor(device, { seq: 1, collections: ['products'], locationIds: [] })).toEqual(['products']);
    expect(collectionsFor(device, { seq: 1, collections: ['otherstock'], locationIds: ['l2'] })).toEqual([
      'otherstock',
    ]);
  });
  it('[S6] stock: own location → stock, another location → otherstock', () => {
    expect(collectionsFor(device, { seq: 1, collections: ['stock'], locationIds: ['l1'] })).toEqual(['stock']);
    expect(collectionsFor(device, { seq: 1, collections: ['stock'], locationIds: ['l2'] })).toEqual(['otherstock']);
    expect(collectionsFor(device, { seq: 1, collections: ['stock'], locationIds: ['l1', 'l2'] }).sort()).toEqual([
      'otherstock',
      'stock',
    ]);
  });
  it('[S6] branch collections only to the branch named, by branchIds or by its location', () => {
    expect(
      collectionsFor(device, { seq: 1, collections: ['cashiers', 'settings'], locationIds: [], branchIds: ['b2'] }),
    ).toEqual([]);
    expect(
      collectionsFor(device, { seq: 1, collections: ['cashiers', 'settings'], locationIds: [], branchIds: ['b1'] }),
    ).toEqual(['cashiers', 'settings']);
    expect(collectionsFor(device, { seq: 1, collections: ['transfers'], locationIds: ['l2'] })).toEqual([]);
    expect(collectionsFor(device, { seq: 1, collections: ['transfers'], locationIds: ['l1'] })).toEqual(['transfers']);
  });
  it('[S6] collections devices do not replicate (console-only) are never sent to devices', () => {
    expect(collectionsFor(device, { seq: 1, collections: ['conflicts'], locationIds: [] })).toEqual([]);
  });
});
