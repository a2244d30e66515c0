import { describe, expect, it } from 'vitest';
import type { ApproveCountResponse, CountDetail, CountSummary } from '../../shared/console/counts';
import { createProduct, productCreateSchema } from '../catalogue/console-products';
import { CENTRE_LOCATION_ID } from '../db/seed-demo';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import type { SignedIn } from '../test/managers';
import { request } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';

describe.each(reachableTestDatabases)(
  '[S13] a count’s difference in units adds pieces only on $label',
  (database: TestDatabase) => {
    const { server, admin } = useTestServer(database, { managers: { admin: 'admin' } });
    const call = <T>(who: SignedIn, path: string, init: { method?: string; json?: unknown } = {}) =>
      request<T>(server.url, `/api/console${path}`, { ...init, headers: who.headers() });

    it('a product by the piece adds its units; one in whole grams and one in kg with decimals do not', async () => {
      const made = async (sku: string, unit: 'each' | 'g' | 'kg', quantityDecimals: number) =>
        (
          await createProduct(
            server.db,
            productCreateSchema.parse({
              sku,
              name: sku,
              priceCents: 100,
              category: 'Recuento',
              unit,
              quantityDecimals,
            }),
            admin.account.id,
          )
        ).product.id;
      const piece = await made('UNITS-PIECE', 'each', 0);
      const grams = await made('UNITS-GRAMS', 'g', 0);
      const kilos = await made('UNITS-KG', 'kg', 3);
      const started = await call<CountSummary>(admin, '/counts', {
        json: { locationId: CENTRE_LOCATION_ID, category: 'Recuento' },
      });
      expect(started.status).toBe(201);
      const id = started.body.id;
      // Nothing on the books: 3 pieces, 250 g and 1,500 kg found.
      for (const [productId, quantity] of [
        [piece, 3],
        [grams, 250],
        [kilos, 1500],
      ] as const) {
        expect(
          (await call(admin, `/counts/${id}/lines/${productId}`, { method: 'PUT', json: { quantity } })).status,
        ).toBe(200);
      }
      const detail = await call<CountDetail>(admin, `/counts/${id}`);
      expect(detail.body.totals).toMatchObject({ counted: 3, withVariance: 3, varianceUnits: 3 });
      const approved = await call<ApproveCountResponse>(admin, `/counts/${id}/approve`, { method: 'POST' });
      expect(approved.body).toMatchObject({ adjustments: 3, varianceUnits: 3 });
    });
  },
);
