import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRANCH_ID } from '../db/seed-demo';
import { testDatabases } from '../test/databases';
import {
  addBranch,
  catalogue,
  openStream,
  pairDevice,
  request,
  startTestServer,
  stockLevels,
  type TestServer,
} from '../test/test-server';
import { v7 as uuidv7 } from 'uuid';
import { branchSettings, saveBranchSettings } from '../catalogue/branch-settings';
import type { EditableProductField } from '../catalogue/product-fields';
import { writeProduct } from '../catalogue/product-rows';
import { currentSequence, SequenceAllocator } from '../ledger/server-sequence';
import { issueLegacyKey, revokeLegacyKey } from './legacy-keys';

/**
 * The seed's central API under /legacy/<key>, driven by HTTP calls shaped exactly like the seed's
 * Python branch prototype makes them (httpx, json=…): notify_central_about_sale posts
 * {branch_id, product_id, quantity_sold, timestamp: datetime.now().isoformat(), sale_price:
 * price × quantity as a Python float} and treats anything but 200 as a failure to retry.
 */

/** What httpx sends for `client.post(url, json=notification)`. */
function prototypePost(baseUrl: string, path: string, body: unknown) {
  return request(baseUrl, path, {
    method: 'POST',
    rawBody: JSON.stringify(body),
    headers: { 'content-type': 'application/json', 'user-agent': 'python-httpx/0.27.0', accept: '*/*' },
  });
}

/** datetime.now().isoformat(): naive, microseconds. */
function pythonNow(offsetSeconds = 0): string {
  return new Date(Date.now() + offsetSeconds * 1000)
    .toISOString()
    .replace('Z', '')
    .replace(/\.(\d{3})$/, '.$1457');
}

describe.each(testDatabases)('legacy API on $label', (database) => {
  let server: TestServer;
  let key: string;
  let base: string;

  beforeAll(async () => {
    if (database.kind === 'postgres' && database.unreachable) return;
    server = await startTestServer(database);
    key = (await issueLegacyKey(server.db, DEMO_BRANCH_ID)).key;
    base = `/legacy/${key}`;
  });
  afterAll(async () => {
    await server?.close();
  });

  const branchLevel = async (legacyId: number) => {
    const product = await server.db
      .selectFrom('products')
      .select('id')
      .where('legacy_id', '=', legacyId)
      .executeTakeFirstOrThrow();
    return (await stockLevels(server.db, DEMO_BRANCH_ID)).get(product.id)?.quantity ?? 0;
  };
  const salesCount = async () =>
    Number(
      (
        await server.db
          .selectFrom('sales')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("[S12] GET / answers the seed's service info", async () => {
    const res = await request(server.url, `${base}/`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      service: '🌿 EcoMarket Central API',
      status: 'operational',
      total_products: 5,
      total_notifications: 0,
    });
  });

  it("[S12] GET /inventory lists the seed's products with float prices and the branch's stock", async () => {
    const res = await request(server.url, `${base}/inventory`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { id: 1, name: 'Manzanas Orgánicas', price: 2.5, stock: 25 },
      { id: 2, name: 'Pan Integral', price: 1.8, stock: 15 },
      { id: 3, name: 'Leche Deslactosada', price: 3.2, stock: 8 },
      { id: 4, name: 'Café Premium', price: 8.9, stock: 0 },
      { id: 5, name: 'Quinoa', price: 12.5, stock: 0 },
    ]);
  });

  it('[S12][S2][S3] a prototype sale notification becomes one sale of the branch with a sale movement, and its retries change nothing', async () => {
    const before = await salesCount();
    const notification = {
      branch_id: 'sucursal-001',
      product_id: 3,
      quantity_sold: 3,
      timestamp: pythonNow(),
      sale_price: 9.600000000000001,
    };
    const first = await prototypePost(server.url, `${base}/sale-notification`, notification);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ status: 'received', message: 'Venta registrada para 3 unidades', updated_stock: 5 });

    // The prototype retries without an id; concurrent retries too.
    const retries = await Promise.all(
      [1, 2, 3, 4].map(() => prototypePost(server.url, `${base}/sale-notification`, notification)),
    );
    for (const r of retries) expect({ status: r.status, body: r.body }).toEqual({ status: 200, body: first.body });
    expect(await salesCount()).toBe(before + 1);
    expect(await branchLevel(3)).toBe(5);

    const sale = await server.db.selectFrom('sales').selectAll().orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(sale).toMatchObject({ kind: 'sale', branch_id: DEMO_BRANCH_ID, total_cents: 960, currency: 'USD' });
    expect(sale.device_id).toMatch(/^legacy-/);
    expect(sale.receipt_number).toMatch(/^001-\d{2}-000001$/);
    const movements = await server.db
      .selectFrom('stock_movements')
      .selectAll()
      .where('sale_id', '=', sale.id)
      .execute();
    expect(movements).toHaveLength(1);
    expect(movements[0]).toMatchObject({
      kind: 'sale',
      delta: -3,
      location_id: DEMO_BRANCH_ID,
      actor: 'legacy:sucursal-001',
    });
    const lines = await server.db.selectFrom('sale_lines').selectAll().where('sale_id', '=', sale.id).execute();
    expect(lines).toEqual([
      expect.objectContaining({ quantity: 3, unit_price_cents: 320, discount_cents: 0, line_total_cents: 960 }),
    ]);
    // Charged exactly the master price: no price mismatch.
    const items = await server.db
      .selectFrom('reconciliation_items')
      .select('kind')
      .where('sale_id', '=', sale.id)
      .execute();
    expect(items).toEqual([]);
  });

  it('[S12] a second sale gets the next legacy receipt number; GET / counts the notifications', async () => {
    const res = await prototypePost(server.url, `${base}/sale-notification`, {
      branch_id: 'sucursal-001',
      product_id: 1,
      quantity_sold: 2,
      timestamp: pythonNow(1),
      sale_price: 5.0,
    });
    expect(res.status).toBe(200);
    const last = await server.db
      .selectFrom('sales')
      .select('receipt_number')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(last.receipt_number).toMatch(/-000002$/);
    expect((await request<{ total_notifications: number }>(server.url, `${base}/`)).body.total_notifications).toBe(2);
  });

  it('[S12][S11] a sale_price other than master price × quantity opens one price_mismatch item; the total stays what was charged', async () => {
    const res = await prototypePost(server.url, `${base}/sale-notification`, {
      branch_id: 'sucursal-001',
      product_id: 2,
      quantity_sold: 3,
      timestamp: pythonNow(2),
      sale_price: 5.0,
    });
    expect(res.status).toBe(200);
    const sale = await server.db.selectFrom('sales').selectAll().orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(Number(sale.total_cents)).toBe(500);
    const lines = await server.db.selectFrom('sale_lines').selectAll().where('sale_id', '=', sale.id).execute();
    // 500 / 3: unit 167, 1 cent of rounding as a discount, total exact.
    expect(lines[0]).toMatchObject({ unit_price_cents: 167, discount_cents: 1, line_total_cents: 500 });
    const items = await server.db
      .selectFrom('reconciliation_items')
      .selectAll()
      .where('sale_id', '=', sale.id)
      .execute();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'price_mismatch', status: 'open', branch_id: DEMO_BRANCH_ID });
    expect(JSON.parse(items[0]!.details)).toMatchObject({
      expectedTotalCents: 540,
      chargedTotalCents: 500,
      differenceCents: -40,
    });
  });

  it('[S12][S11] selling more than the branch holds is recorded, goes below zero and opens an oversell item', async () => {
    const res = await prototypePost(server.url, `${base}/sale-notification`, {
      branch_id: 'sucursal-001',
      product_id: 4,
      quantity_sold: 2,
      timestamp: pythonNow(3),
      sale_price: 17.8,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ updated_stock: -2 });
    const items = await server.db
      .selectFrom('reconciliation_items')
      .select('kind')
      .where('kind', '=', 'oversell')
      .execute();
    expect(items.length).toBeGreaterThanOrEqual(1);
  });

  it("[S12] an unknown product answers the seed's 404 and records nothing", async () => {
    const before = await salesCount();
    const res = await prototypePost(server.url, `${base}/sale-notification`, {
      branch_id: 'sucursal-001',
      product_id: 99,
      quantity_sold: 1,
      timestamp: pythonNow(4),
      sale_price: 1.0,
    });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ detail: 'Producto no encontrado' });
    expect(await salesCount()).toBe(before);
  });

  it("[S12][S8] a notification naming another branch than the key's is refused and records nothing", async () => {
    await addBranch(server.db, 'sucursal-002', '002');
    const before = await salesCount();
    const res = await prototypePost(server.url, `${base}/sale-notification`, {
      branch_id: 'sucursal-002',
      product_id: 1,
      quantity_sold: 1,
      timestamp: pythonNow(5),
      sale_price: 2.5,
    });
    expect(res.status).toBe(403);
    expect(await salesCount()).toBe(before);
  });

  it("[S12] a malformed body answers FastAPI's 422 with a pydantic detail list and records nothing", async () => {
    const before = await salesCount();
    const missing = await prototypePost(server.url, `${base}/sale-notification`, {
      branch_id: 'sucursal-001',
      product_id: 'uno',
      quantity_sold: 0,
      sale_price: 2.5,
    });
    expect(missing.status).toBe(422);
    expect(missing.body).toEqual({
      detail: [
        {
          type: 'int_parsing',
          loc: ['body', 'product_id'],
          msg: 'Input should be a valid integer, unable to parse string as an integer',
          input: 'uno',
        },
        {
          type: 'greater_than',
          loc: ['body', 'quantity_sold'],
          msg: 'Input should be greater than 0',
          input: 0,
          ctx: { gt: 0 },
        },
        {
          type: 'missing',
          loc: ['body', 'timestamp'],
          msg: 'Field required',
          input: { branch_id: 'sucursal-001', product_id: 'uno', quantity_sold: 0, sale_price: 2.5 },
        },
      ],
    });
    const broken = await request<{ detail: { type: string; loc: unknown[] }[] }>(
      server.url,
      `${base}/sale-notification`,
      { method: 'POST', rawBody: '{"branch_id": ' },
    );
    expect(broken.status).toBe(422);
    expect(broken.body.detail[0]).toMatchObject({ type: 'json_invalid', msg: 'JSON decode error' });
    const badPath = await request<{ detail: { type: string; loc: unknown[] }[] }>(server.url, `${base}/inventory/abc`, {
      method: 'DELETE',
    });
    expect(badPath.status).toBe(422);
    expect(badPath.body.detail[0]).toMatchObject({ type: 'int_parsing', loc: ['path', 'product_id'] });
    expect(await salesCount()).toBe(before);
  });

  /** A product with a seed id, in the master catalogue as the console would add it (no API sets legacy ids). */
  const addMasterProduct = async (legacyId: number, name: string, priceCents: number) =>
    server.db.transaction().execute(async (trx) => {
      const seq = await SequenceAllocator.lock(trx);
      const doc = {
        id: uuidv7(),
        sku: `LEGACY-${legacyId}`,
        barcode: null,
        barcodes: [] as string[],
        unit: 'each' as const,
        quantityDecimals: 0,
        name,
        category: 'Sin categoría',
        priceCents,
        taxRateBp: 0,
        legacyId,
        _deleted: false,
      };
      await writeProduct(trx, doc, null, seq.next(), new Date().toISOString(), {
        source: 'console',
        actor: 'test',
        branchId: null,
      });
      await seq.save();
      return doc;
    });
  const allowBranchEdits = async (fields: EditableProductField[]) =>
    server.db.transaction().execute(async (trx) => {
      const seq = await SequenceAllocator.lock(trx);
      const settings = (await branchSettings(trx, DEMO_BRANCH_ID))!;
      await saveBranchSettings(trx, { ...settings, productEditFields: fields }, seq.next(), new Date().toISOString());
      await seq.save();
    });
  const sequence = () => currentSequence(server.db);

  it("[S12] issue 9 defect 6: a branch key cannot create or withdraw a master product, nor change its name or price unless the branch's settings allow it", async () => {
    const before = await sequence();
    const created = await prototypePost(server.url, `${base}/inventory`, {
      id: 6,
      name: 'Miel',
      price: 6.75,
      stock: 12,
    });
    expect(created.status).toBe(403);
    expect((created.body as { detail: string }).detail).toMatch(/consola/);
    const dup = await prototypePost(server.url, `${base}/inventory`, { id: 1, name: 'Otra', price: 1, stock: 0 });
    expect(dup.status).toBe(400);
    expect(dup.body).toEqual({ detail: 'El producto ya existe' });

    const product = await addMasterProduct(6, 'Miel de Abeja', 675);
    const levelBefore = await branchLevel(6);
    const seqBefore = await sequence();
    expect(seqBefore).toBeGreaterThan(before);
    const cheaper = await request<{ detail: string }>(server.url, `${base}/inventory/6`, {
      method: 'PUT',
      json: { id: 6, name: 'Miel de Abeja', price: 0.01, stock: 15 },
    });
    expect(cheaper.status).toBe(403);
    expect(cheaper.body.detail).toMatch(/no puede cambiar precio/);
    const removed = await request<{ detail: string }>(server.url, `${base}/inventory/6`, { method: 'DELETE' });
    expect(removed.status).toBe(403);
    expect(removed.body.detail).toMatch(/no puede retirar/);
    // Nothing of the refused requests was applied: price, catalogue, level and sequence as they were.
    const row = await server.db
      .selectFrom('products')
      .selectAll()
      .where('id', '=', product.id)
      .executeTakeFirstOrThrow();
    expect([Number(row.price_cents), Number(row.deleted)]).toEqual([675, 0]);
    expect(await branchLevel(6)).toBe(levelBefore);
    expect(await sequence()).toBe(seqBefore);
    expect(await server.db.selectFrom('products').select('id').where('legacy_id', '=', 6).execute()).toHaveLength(1);
  });

  it("[S12] a branch key sets its own stock through a correction movement, and name and price where the branch's settings allow, with the seed's answers", async () => {
    const product = await addMasterProduct(7, 'Jalea Real', 900);
    const stocked = await request(server.url, `${base}/inventory/7`, {
      method: 'PUT',
      json: { id: 7, name: 'Jalea Real', price: 9, stock: 12 },
    });
    expect(stocked.status).toBe(200);
    expect(stocked.body).toEqual({ id: 7, name: 'Jalea Real', price: 9, stock: 12 });
    const corrections = await server.db
      .selectFrom('stock_movements')
      .selectAll()
      .where('product_id', '=', product.id)
      .execute();
    expect(corrections).toEqual([
      expect.objectContaining({
        kind: 'correction',
        delta: 12,
        location_id: DEMO_BRANCH_ID,
        actor: 'legacy:sucursal-001',
      }),
    ]);
    expect(corrections[0]!.reason).toContain('stock set to 12');

    await allowBranchEdits(['name', 'priceCents']);
    try {
      const updated = await request(server.url, `${base}/inventory/7`, {
        method: 'PUT',
        json: { id: 7, name: 'Jalea Real 250 g', price: 9.5, stock: 10 },
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toEqual({ id: 7, name: 'Jalea Real 250 g', price: 9.5, stock: 10 });
      // Price changes go into the catalogue's history, which the price-mismatch check reads.
      const prices = await server.db
        .selectFrom('product_prices')
        .select('price_cents')
        .where('product_id', '=', product.id)
        .orderBy('seq')
        .execute();
      expect(prices.map((r) => Number(r.price_cents))).toEqual([900, 950]);
      expect(await branchLevel(7)).toBe(10);
      const list = await request<{ id: number; price: number; stock: number }[]>(server.url, `${base}/inventory`);
      expect(list.body.find((p) => p.id === 7)).toEqual({ id: 7, name: 'Jalea Real 250 g', price: 9.5, stock: 10 });
      // A paired tablet of the branch sees the new name in its catalogue pull.
      const device = await pairDevice(server);
      expect((await catalogue(server.url, device.token)).map((p) => p.name)).toContain('Jalea Real 250 g');

      // The same PUT again writes nothing: no second correction.
      const seqBefore = await sequence();
      await request(server.url, `${base}/inventory/7`, {
        method: 'PUT',
        json: { id: 7, name: 'Jalea Real 250 g', price: 9.5, stock: 10 },
      });
      expect(await sequence()).toBe(seqBefore);
    } finally {
      await allowBranchEdits([]);
    }
    expect(
      (
        await request(server.url, `${base}/inventory/77`, {
          method: 'PUT',
          json: { id: 77, name: 'x', price: 1, stock: 1 },
        })
      ).body,
    ).toEqual({ detail: 'Producto no encontrado' });
    const gone = await request(server.url, `${base}/inventory/77`, { method: 'DELETE' });
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ detail: 'Producto no encontrado' });
  });

  it('[S12] issue 9 defects 3 and 5: a timestamp out of range and ids beyond 32 bits answer the seed`s 422 and 404 on both databases', async () => {
    const before = await salesCount();
    for (const timestamp of [1e300, 9e15, -1e308]) {
      const res = await prototypePost(server.url, `${base}/sale-notification`, {
        branch_id: 'sucursal-001',
        product_id: 1,
        quantity_sold: 1,
        timestamp,
        sale_price: 2.5,
      });
      expect(res.status, String(timestamp)).toBe(422);
      expect((res.body as { detail: { loc: string[] }[] }).detail[0]!.loc).toEqual(['body', 'timestamp']);
    }
    const bigSale = await prototypePost(server.url, `${base}/sale-notification`, {
      branch_id: 'sucursal-001',
      product_id: 2147483648,
      quantity_sold: 1,
      timestamp: pythonNow(),
      sale_price: 2.5,
    });
    expect(bigSale.status).toBe(404);
    expect(bigSale.body).toEqual({ detail: 'Producto no encontrado' });
    const bigPost = await prototypePost(server.url, `${base}/inventory`, {
      id: 2147483648,
      name: 'x',
      price: 1,
      stock: 1,
    });
    expect(bigPost.status).toBe(422);
    for (const method of ['PUT', 'DELETE']) {
      const res = await request(server.url, `${base}/inventory/3000000000`, {
        method,
        ...(method === 'PUT' ? { json: { id: 3000000000, name: 'x', price: 1, stock: 1 } } : {}),
      });
      expect(res.status, method).toBe(404);
    }
    expect(await salesCount()).toBe(before);
  });

  it("[S12] a sale through the legacy API reaches the branch's tablets on their live stream", async () => {
    const device = await pairDevice(server);
    const stream = await openStream(server.url, device.token);
    try {
      await stream.next('resync', 2000);
      await prototypePost(server.url, `${base}/sale-notification`, {
        branch_id: 'sucursal-001',
        product_id: 1,
        quantity_sold: 1,
        timestamp: pythonNow(10),
        sale_price: 2.5,
      });
      const changed = await stream.next('changed', 1000);
      expect((changed.data as { collections: string[] }).collections).toContain('stock');
    } finally {
      stream.close();
    }
  });

  it('[S12] an oversized body answers 413 with a detail, and changes nothing', async () => {
    const res = await request(server.url, `${base}/inventory`, {
      method: 'POST',
      rawBody: JSON.stringify({ id: 50, name: 'x'.repeat(70_000), price: 1, stock: 1 }),
    });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ detail: expect.any(String) });
    expect((await request<{ id: number }[]>(server.url, `${base}/inventory`)).body.map((p) => p.id)).not.toContain(50);
  });

  it('[S12] without a valid key every legacy path answers the same 404 as a path the seed does not have under a valid key', async () => {
    const revoked = await issueLegacyKey(server.db, DEMO_BRANCH_ID);
    await revokeLegacyKey(server.db, revoked.id);
    const wrongKeys = ['x', 'A'.repeat(43), revoked.key, `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`];
    const calls: [string, string, unknown?][] = [
      ['GET', '/'],
      ['GET', '/inventory'],
      ['POST', '/inventory', { id: 9, name: 'x', price: 1, stock: 1 }],
      ['PUT', '/inventory/1', { id: 1, name: 'x', price: 1, stock: 1 }],
      ['DELETE', '/inventory/1'],
      [
        'POST',
        '/sale-notification',
        { branch_id: 'sucursal-001', product_id: 1, quantity_sold: 1, timestamp: pythonNow(20), sale_price: 2.5 },
      ],
      ['POST', '/sale-notification', '{broken'],
    ];
    const before = await salesCount();
    for (const wrong of wrongKeys) {
      for (const [method, path, body] of calls) {
        const options = { method, ...(typeof body === 'string' ? { rawBody: body } : body ? { json: body } : {}) };
        const res = await request(server.url, `/legacy/${wrong}${path}`, options);
        const none = await request(server.url, `${base}/no-such-thing${path}`, options);
        expect(res.status, `${method} /legacy/${wrong}${path}`).toBe(404);
        expect(none.status).toBe(404);
        expect(res.headers.get('content-type')).toBe(none.headers.get('content-type'));
        expect(res.body).toEqual({ detail: 'Not Found' });
        expect(none.body).toEqual(res.body);
      }
    }
    expect(await salesCount()).toBe(before);
    expect((await request(server.url, `${base}/inventory`)).status).toBe(200);
  });

  it("[S12] a failure inside answers FastAPI's plain 500 and applies nothing (runs last: it breaks this server's legacy table)", async () => {
    await server.db.schema.dropTable('legacy_notifications').execute();
    const before = await salesCount();
    const res = await prototypePost(server.url, `${base}/sale-notification`, {
      branch_id: 'sucursal-001',
      product_id: 1,
      quantity_sold: 1,
      timestamp: pythonNow(30),
      sale_price: 2.5,
    });
    expect(res.status).toBe(500);
    expect(res.body).toBe('Internal Server Error');
    expect(await salesCount()).toBe(before);
  });
});
