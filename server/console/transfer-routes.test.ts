import { describe, expect, it } from 'vitest';
import type { Page, TransferRow } from '../../shared/console/ledger-api';
import { syncPath, type TransferDoc } from '../../shared/protocol';
import { CENTRE_LOCATION_ID, DEMO_BRANCH_ID } from '../db/seed-demo';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import { makeTransferReceipt, pushDocs } from '../test/device-documents';
import type { SignedIn } from '../test/managers';
import { request, stockLevels } from '../test/test-server';
import { adminAndBranchManagers, useTestServer } from '../test/use-test-server';

const OTHER = 'sucursal-traspasos-2';

describe.each(reachableTestDatabases)(
  'transfers: drafts, in transit, received over HTTP on $label',
  (database: TestDatabase) => {
    const { server, admin, demoManager, otherManager, device, products } = useTestServer(database, {
      branches: { [OTHER]: 'T02' },
      managers: adminAndBranchManagers(OTHER),
      devices: { device: {} },
      catalogue: true,
    });

    const level = async (locationId: string, productId: string) =>
      (await stockLevels(server.db, locationId)).get(productId)?.quantity ?? 0;
    const call = <T>(who: SignedIn, path: string, init: { method?: string; json?: unknown } = {}) =>
      request<T>(server.url, `/api/console${path}`, { ...init, headers: who.headers() });
    const pulled = async () =>
      (
        await request<{ documents: TransferDoc[] }>(server.url, `${syncPath('transfers', 'pull')}?limit=100`, {
          token: device.token,
        })
      ).body.documents;
    const row = async (who: SignedIn, id: string, query = '') =>
      (await call<Page<TransferRow>>(who, `/transfers?limit=200${query}`)).body.items.find((t) => t.id === id);

    let draftId: string;

    it('a draft moves no stock, stays off the tablets, and can be rewritten', async () => {
      const p = products[0]!;
      const centre = await level(CENTRE_LOCATION_ID, p.id);
      const made = await call<{ id: string; status: string }>(admin, '/transfers', {
        json: {
          fromLocationId: CENTRE_LOCATION_ID,
          toLocationId: DEMO_BRANCH_ID,
          lines: [{ productId: p.id, quantity: 5 }],
          draft: true,
        },
      });
      expect(made.status).toBe(201);
      expect(made.body.status).toBe('draft');
      draftId = made.body.id;
      expect(await level(CENTRE_LOCATION_ID, p.id)).toBe(centre);
      expect((await pulled()).map((t) => t.id)).not.toContain(draftId);
      expect(await row(admin, draftId, '&status=draft')).toMatchObject({ status: 'draft', sentAt: null });
      // The destination's manager sees it coming; only the source's manager may change it.
      expect(await row(demoManager, draftId)).toMatchObject({ status: 'draft' });
      const edit = {
        fromLocationId: CENTRE_LOCATION_ID,
        toLocationId: DEMO_BRANCH_ID,
        lines: [{ productId: p.id, quantity: 6 }],
        note: 'lunes',
      };
      expect((await call(demoManager, `/transfers/${draftId}`, { method: 'PUT', json: edit })).status).toBe(403);
      expect((await call(demoManager, `/transfers/${draftId}/send`, { method: 'POST' })).status).toBe(403);
      expect((await call(admin, `/transfers/${draftId}`, { method: 'PUT', json: { ...edit, lines: [] } })).status).toBe(
        400,
      );
      expect((await call(admin, `/transfers/${draftId}`, { method: 'PUT', json: edit })).status).toBe(200);
      expect(await row(admin, draftId)).toMatchObject({ lines: [{ productId: p.id, quantity: 6 }], note: 'lunes' });
      expect(await level(CENTRE_LOCATION_ID, p.id)).toBe(centre);
    });

    it('sending puts it in transit on both ends: stock leaves the source, the tablet pulls it unchanged in shape', async () => {
      const p = products[0]!;
      const centre = await level(CENTRE_LOCATION_ID, p.id);
      const sent = await call<{ status: string }>(admin, `/transfers/${draftId}/send`, { method: 'POST' });
      expect(sent.status).toBe(200);
      expect(sent.body.status).toBe('in_transit');
      expect(await level(CENTRE_LOCATION_ID, p.id)).toBe(centre - 6);
      expect(await row(admin, draftId, '&status=in_transit')).toMatchObject({ status: 'in_transit' });
      expect(await row(demoManager, draftId, `&status=in_transit&locationId=${DEMO_BRANCH_ID}`)).toBeDefined();
      expect(await row(admin, draftId, '&status=sent')).toBeDefined();
      const doc = (await pulled()).find((t) => t.id === draftId)!;
      expect(Object.keys(doc).sort()).toEqual([
        '_deleted',
        'fromLocationId',
        'id',
        'lines',
        'note',
        'sentAt',
        'status',
        'toLocationId',
      ]);
      expect(doc).toMatchObject({ status: 'sent', lines: [{ productId: p.id, quantity: 6 }] });
      const again = await call<{ error: { message: string } }>(admin, `/transfers/${draftId}/send`, { method: 'POST' });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toMatch(/in transit/);
      expect(
        (
          await call(admin, `/transfers/${draftId}`, {
            method: 'PUT',
            json: {
              fromLocationId: CENTRE_LOCATION_ID,
              toLocationId: DEMO_BRANCH_ID,
              lines: [{ productId: p.id, quantity: 1 }],
            },
          })
        ).status,
      ).toBe(409);
      expect(await level(CENTRE_LOCATION_ID, p.id)).toBe(centre - 6);
    });

    it('received at the tablet with a difference: received, one transfer_discrepancy item', async () => {
      const p = products[0]!;
      const branch = await level(DEMO_BRANCH_ID, p.id);
      const receipt = makeTransferReceipt(device, draftId, [{ productId: p.id, quantity: 4 }]);
      expect((await pushDocs(server.url, device.token, 'transferreceipts', [receipt])).body.acks).toHaveLength(1);
      expect(await level(DEMO_BRANCH_ID, p.id)).toBe(branch + 4);
      expect(await row(admin, draftId, '&status=received')).toMatchObject({
        receivedLines: [{ productId: p.id, quantity: 4 }],
      });
      const items = await server.db
        .selectFrom('reconciliation_items')
        .selectAll()
        .where('document_id', '=', draftId)
        .execute();
      expect(items.map((i) => i.kind)).toEqual(['transfer_discrepancy']);
    });

    it('a cancelled draft moves nothing; a draft cannot be received', async () => {
      const p = products[1]!;
      const made = await call<{ id: string }>(admin, '/transfers', {
        json: {
          fromLocationId: CENTRE_LOCATION_ID,
          toLocationId: DEMO_BRANCH_ID,
          lines: [{ productId: p.id, quantity: 2 }],
          draft: true,
        },
      });
      const centre = await level(CENTRE_LOCATION_ID, p.id);
      const early = await call<{ error: { message: string } }>(demoManager, `/transfers/${made.body.id}/receive`, {
        json: { lines: [{ productId: p.id, quantity: 2 }] },
      });
      expect(early.status).toBe(409);
      expect(early.body.error.message).toMatch(/still a draft/);
      expect(
        (await call(admin, `/transfers/${made.body.id}/cancel`, { json: { reason: 'ya no hace falta' } })).status,
      ).toBe(200);
      expect(await level(CENTRE_LOCATION_ID, p.id)).toBe(centre);
      expect(await row(admin, made.body.id, '&status=cancelled')).toMatchObject({ sentAt: null });
      expect((await call(admin, `/transfers/${made.body.id}/send`, { method: 'POST' })).status).toBe(409);
    });

    it('branch to branch: the source’s manager sends; the destination’s sees it in transit and may not cancel it', async () => {
      const p = products[2]!;
      const made = await call<{ id: string; status: string }>(demoManager, '/transfers', {
        json: { fromLocationId: DEMO_BRANCH_ID, toLocationId: OTHER, lines: [{ productId: p.id, quantity: 1 }] },
      });
      expect(made.status).toBe(201);
      expect(made.body.status).toBe('in_transit');
      expect(await row(otherManager, made.body.id, `&locationId=${OTHER}&status=in_transit`)).toMatchObject({
        fromLocationId: DEMO_BRANCH_ID,
      });
      expect(
        (await call(otherManager, `/transfers/${made.body.id}/cancel`, { json: { reason: 'no lo quiero' } })).status,
      ).toBe(403);
      expect((await call(otherManager, `/transfers?locationId=${DEMO_BRANCH_ID}`)).status).toBe(403);
      // Neither end of the other branch's own transfers reaches the demo branch's manager.
      const own = await call<{ id: string }>(admin, '/transfers', {
        json: {
          fromLocationId: CENTRE_LOCATION_ID,
          toLocationId: OTHER,
          lines: [{ productId: p.id, quantity: 1 }],
          draft: true,
        },
      });
      expect(await row(demoManager, own.body.id)).toBeUndefined();
    });
  },
);
