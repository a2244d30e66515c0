import { describe, expect, it } from 'vitest';
import { COLLECTION_SCHEMA_VERSIONS, type ProductDoc, type PushResult } from '../../shared/protocol';
import { DEMO_BRANCH_ID } from '../db/seed-demo';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import { catalogue, DETAILED_PUSH_HEADERS, request } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';

/** A product as a tablet of schema version 0 holds it: no unit, no decimals, one barcode. */
function asVersion0(p: ProductDoc): Record<string, unknown> {
  const { unit: _u, quantityDecimals: _q, barcodes: _b, ...v0 } = p;
  return v0;
}

describe.each(reachableTestDatabases)(
  '[S9] pushes of an older collection version on $label',
  (database: TestDatabase) => {
    const { server, admin, device } = useTestServer(database, {
      managers: { admin: 'admin' },
      devices: { device: { name: 'Caja 1' } },
    });

    it('[S9] a version 0 product edit is upgraded and merged: its change applies, the fields it does not know keep the centre’s values', async () => {
      expect(COLLECTION_SCHEMA_VERSIONS.products).toBeGreaterThan(0);
      const patch = await request(server.url, `/api/console/branches/${DEMO_BRANCH_ID}/settings`, {
        method: 'PATCH',
        json: { productEditFields: ['name'] },
        headers: admin.headers(),
      });
      expect(patch.status).toBe(200);
      const master = (await catalogue(server.url, device.token)).find((p) => p.name === 'Pan Integral')!;
      const edited = await request<{ product: ProductDoc & { seq: number } }>(
        server.url,
        `/api/console/products/${master.id}`,
        {
          method: 'PATCH',
          json: {
            baseSeq: (
              await request<{ items: (ProductDoc & { seq: number })[] }>(
                server.url,
                `/api/console/products?query=Pan%20Integral`,
                {
                  headers: admin.headers(),
                },
              )
            ).body.items.find((p) => p.id === master.id)!.seq,
            unit: 'kg',
            quantityDecimals: 3,
            barcodes: [master.barcode ?? '7500000000999', '2000123000002'],
          },
          headers: admin.headers(),
        },
      );
      expect(edited.status).toBe(200);
      const base = { ...asVersion0(master), barcode: edited.body.product.barcode };

      const res = await request<PushResult>(server.url, '/api/sync/v1/products/0/push', {
        token: device.token,
        json: [{ assumedMasterState: base, newDocumentState: { ...base, name: 'Pan integral al peso' } }],
        headers: DETAILED_PUSH_HEADERS,
      });
      expect(res.status).toBe(200);
      expect(res.body.rejected).toEqual([]);
      const now = (await catalogue(server.url, device.token)).find((p) => p.id === master.id)!;
      expect(now).toMatchObject({
        name: 'Pan integral al peso',
        unit: 'kg',
        quantityDecimals: 3,
        barcodes: edited.body.product.barcodes,
      });
    });

    it('[S9] a push of a version newer than the server’s and a pull of an older one are 426 CLIENT_OUTDATED', async () => {
      const newer = await request<{ error: { code: string } }>(
        server.url,
        `/api/sync/v1/products/${COLLECTION_SCHEMA_VERSIONS.products + 1}/push`,
        { token: device.token, json: [{ newDocumentState: { id: 'x' } }] },
      );
      expect(newer.status).toBe(426);
      expect(newer.body.error.code).toBe('CLIENT_OUTDATED');
      const older = await request<{ error: { code: string } }>(server.url, '/api/sync/v1/products/0/pull', {
        token: device.token,
      });
      expect(older.status).toBe(426);
      expect(older.body.error.code).toBe('CLIENT_OUTDATED');
    });
  },
);
