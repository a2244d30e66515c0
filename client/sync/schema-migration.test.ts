import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { addRxPlugin, createRxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import {
  branchSettingsDocSchema,
  DEFAULT_SCALE_LABEL_LAYOUT,
  productDocSchema,
  saleDocSchema,
  syncPath,
} from '../../shared/protocol';
import type { PosDatabase } from './collections';
import { INSTALLED_V0_SCHEMAS } from './installed-v0-schemas';
import { Outbox } from './outbox';
import { openPosDatabase } from './pos-database';
import { inThisThread } from './ticket-journal';

addRxPlugin(RxDBMigrationSchemaPlugin);

const storage = () => getRxStorageDexie({ indexedDB, IDBKeyRange });
const COLLECTIONS = ['products', 'settings', 'sales', 'acks'] as const;

let db: PosDatabase | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
});

const saleId = uuidv7();

/** A tablet of the previous release: its database at schema version 0, an unsynced sale in it. */
async function installedTablet(name: string): Promise<void> {
  const old = await createRxDatabase({ name, storage: storage(), multiInstance: false });
  await old.addCollections(Object.fromEntries(COLLECTIONS.map((c) => [c, { schema: INSTALLED_V0_SCHEMAS[c]! }])));
  await old.collections.products!.insert({
    id: 'p-apple',
    sku: 'MANZ',
    barcode: '7501000000017',
    name: 'Manzana',
    category: 'Frutas',
    priceCents: 320,
    taxRateBp: 0,
    legacyId: null,
  });
  await old.collections.settings!.insert({
    id: 'sucursal-001',
    name: 'Centro',
    locationId: 'sucursal-001',
    currency: 'USD',
    allowOversell: true,
    idleLockSeconds: 120,
    receiptHeader: '',
    receiptFooter: '',
  });
  await old.collections.sales!.insert({
    id: saleId,
    kind: 'sale',
    refundOf: null,
    branchId: 'sucursal-001',
    deviceId: 'dev-1',
    deviceSeq: 1,
    receiptNumber: '001-01-000001',
    cashierId: null,
    cashierName: 'Ana',
    shiftId: null,
    createdAt: '2026-11-28T10:00:00.000Z',
    currency: 'USD',
    lines: [
      {
        productId: 'p-apple',
        name: 'Manzana',
        quantity: 2,
        unitPriceCents: 320,
        taxRateBp: 0,
        discountCents: 0,
        discountReason: null,
        lineTotalCents: 640,
      },
    ],
    totalCents: 640,
    payments: [{ method: 'cash', amountCents: 640, tenderedCents: 1000 }],
  });
  await old.close();
}

describe('[S9] a tablet updated with unsynced documents', () => {
  it('[S9] opens its version 0 database, migrates it with the protocol upgrades, and pushes the sale', async () => {
    const name = `migrate-${Date.now()}`;
    await installedTablet(name);
    ({ db } = await openPosDatabase({
      name,
      storage: storage(),
      openJournal: inThisThread({ indexedDB, IDBKeyRange }),
      multiInstance: false,
      collections: [...COLLECTIONS],
    }));

    const product = (await db.products.findOne('p-apple').exec())!.toMutableJSON();
    expect(productDocSchema.parse({ ...product, _deleted: false })).toMatchObject({
      unit: 'each',
      quantityDecimals: 0,
      barcodes: ['7501000000017'],
    });
    const settings = (await db.settings.findOne('sucursal-001').exec())!.toMutableJSON();
    expect(branchSettingsDocSchema.parse({ ...settings, _deleted: false }).scaleLabels).toEqual(
      DEFAULT_SCALE_LABEL_LAYOUT,
    );

    const pushed: { path: string; docs: unknown[] }[] = [];
    const fetchImpl: typeof fetch = async (input, init) => {
      const rows = JSON.parse(String(init?.body)) as { newDocumentState: { id: string } }[];
      pushed.push({ path: new URL(String(input)).pathname, docs: rows.map((r) => r.newDocumentState) });
      const acks = rows.map((r, i) => ({ id: r.newDocumentState.id, appliedSeq: i + 1 }));
      return new Response(JSON.stringify({ conflicts: [], acks, rejected: [] }), { status: 200 });
    };
    await new Outbox(db, { baseUrl: 'http://server', token: 't', fetch: fetchImpl }, 'dev-1').drain();
    expect(pushed.map((p) => p.path)).toEqual([syncPath('sales', 'push')]);
    const [sale] = pushed[0]!.docs;
    expect(saleDocSchema.parse(sale)).toMatchObject({ id: saleId, totalCents: 640 });
    expect((await db.acks.findOne(saleId).exec())?.appliedSeq).toBe(1);
  });
});
