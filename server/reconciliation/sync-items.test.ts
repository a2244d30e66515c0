import { describe, expect, it } from 'vitest';
import type { Page, ReconciliationItem } from '../../shared/console/ledger-api';
import { syncPath, type ProductDoc, type PushResult } from '../../shared/protocol';
import { DEMO_BRANCH_ID } from '../db/seed-demo';
import { nextChangeNaming, openConsoleStream } from '../test/console-stream';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import { makeCount, pushDocs } from '../test/device-documents';
import type { SignedIn } from '../test/managers';
import { catalogue, DETAILED_PUSH_HEADERS, makeSale, pushSales, request } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';

const OTHER = 'sucursal-sync-2';
const LIST = '/api/console/reconciliation';

describe.each(reachableTestDatabases)(
  'sync conflicts and refused documents open reconciliation items on $label',
  (database: TestDatabase) => {
    const { server, admin, otherManager, device, products } = useTestServer(database, {
      config: { heartbeatSeconds: '0.2' },
      branches: { [OTHER]: 'S02' },
      managers: {
        admin: { role: 'admin', name: 'Ana Admin' },
        otherManager: { role: 'branch_manager', name: 'Otto Otro', branchIds: [OTHER] },
      },
      devices: { device: { name: 'Caja rechazos' } },
      catalogue: true,
    });

    const itemsOf = async (who: SignedIn, kind: string, documentId: string) => {
      const res = await request<Page<ReconciliationItem>>(server.url, `${LIST}?kind=${kind}&limit=200`, {
        headers: who.headers(),
      });
      expect(res.status).toBe(200);
      return res.body.items.filter((i) => i.documentId === documentId);
    };

    it('a sale refused for a reused id opens one item (not one per retry), with device, branch and reason; consoles hear of it within 1 s; another branch’s manager does not see it', async () => {
      const sale = makeSale(device, 1, [{ product: products[0]!, quantity: 1 }]);
      const stream = await openConsoleStream(server.url, admin.cookie);
      try {
        await stream.next('resync', 2000);
        expect((await pushSales(server.url, device.token, [sale])).body.acks).toHaveLength(1);
        const changedSale = { ...sale, cashierName: 'Otra persona' };
        const startedAt = Date.now();
        const refused = await pushSales(server.url, device.token, [changedSale]);
        expect(refused.body.rejected).toEqual([expect.objectContaining({ id: sale.id, code: 'SALE_ID_REUSED' })]);
        const changed = await nextChangeNaming(stream, 'reconciliation', 1000);
        expect(Date.now() - startedAt).toBeLessThan(1000);
        expect(changed.branchIds).toContain(DEMO_BRANCH_ID);
        // The tablet retries, as it does until the cashier or a manager acts.
        await pushSales(server.url, device.token, [changedSale]);
        await pushSales(server.url, device.token, [changedSale]);
      } finally {
        stream.close();
      }

      const items = await itemsOf(admin, 'refused_document', sale.id);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        kind: 'refused_document',
        status: 'open',
        branchId: DEMO_BRANCH_ID,
        locationId: DEMO_BRANCH_ID,
        details: {
          collection: 'sales',
          code: 'SALE_ID_REUSED',
          deviceId: device.deviceId,
          deviceName: 'Caja rechazos',
          receiptNumber: sale.receiptNumber,
          totalCents: sale.totalCents,
        },
      });
      expect(await itemsOf(otherManager, 'refused_document', sale.id)).toEqual([]);
      const foreign = await request(server.url, `${LIST}/${items[0]!.id}/resolve`, {
        headers: otherManager.headers(),
        json: { note: 'No es mío' },
      });
      expect(foreign.status).toBe(403);

      const resolved = await request<ReconciliationItem>(server.url, `${LIST}/${items[0]!.id}/resolve`, {
        headers: admin.headers(),
        json: { note: 'La tableta repitió el id tras restaurar una copia; la venta buena ya estaba.' },
      });
      expect(resolved.status).toBe(200);
      expect(resolved.body).toMatchObject({ status: 'resolved', resolvedByName: 'Ana Admin' });
    });

    it('a count refused for a reused id opens one item too', async () => {
      const count = makeCount(device, products[1]!.id, 5, 4);
      expect((await pushDocs(server.url, device.token, 'counts', [count])).body.acks).toHaveLength(1);
      for (let attempt = 0; attempt < 2; attempt++) {
        const again = await pushDocs(server.url, device.token, 'counts', [{ ...count, countedQuantity: 6 }]);
        expect(again.body.rejected).toEqual([expect.objectContaining({ code: 'DOCUMENT_ID_REUSED' })]);
      }
      const items = await itemsOf(admin, 'refused_document', count.id);
      expect(items).toHaveLength(1);
      expect(items[0]!.details).toMatchObject({ collection: 'counts', code: 'DOCUMENT_ID_REUSED' });
    });

    it('a product edit merged with a conflict opens one sync-conflict item at the device’s branch; a retried push opens no other', async () => {
      const settings = await request(server.url, `/api/console/branches/${DEMO_BRANCH_ID}/settings`, {
        method: 'PATCH',
        json: { productEditFields: ['name'] },
        headers: admin.headers(),
      });
      expect(settings.status).toBe(200);
      const base = (await catalogue(server.url, device.token)).find((p) => p.id === products[2]!.id)!;
      const listed = await request<{ items: (ProductDoc & { seq: number })[] }>(
        server.url,
        `/api/console/products?query=${encodeURIComponent(base.name)}`,
        { headers: admin.headers() },
      );
      const seqBefore = listed.body.items.find((p) => p.id === base.id)!.seq;
      const consoleEdit = await request(server.url, `/api/console/products/${base.id}`, {
        method: 'PATCH',
        json: { baseSeq: seqBefore, name: `${base.name} (centro)` },
        headers: admin.headers(),
      });
      expect(consoleEdit.status).toBe(200);

      const stream = await openConsoleStream(server.url, admin.cookie);
      try {
        await stream.next('resync', 2000);
        const row = { assumedMasterState: base, newDocumentState: { ...base, name: `${base.name} (tienda)` } };
        for (let attempt = 0; attempt < 2; attempt++) {
          const push = await request<PushResult>(server.url, syncPath('products', 'push'), {
            token: device.token,
            json: [row],
            headers: DETAILED_PUSH_HEADERS,
          });
          expect(push.status).toBe(200);
        }
        await nextChangeNaming(stream, 'reconciliation', 1000);
      } finally {
        stream.close();
      }

      const log = await server.db.selectFrom('conflict_log').select('id').where('product_id', '=', base.id).execute();
      expect(log).toHaveLength(1);
      const items = await itemsOf(admin, 'sync_conflict', log[0]!.id);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        branchId: DEMO_BRANCH_ID,
        productId: base.id,
        details: {
          field: 'name',
          centreValue: `${base.name} (centro)`,
          deviceValue: `${base.name} (tienda)`,
          baseValue: base.name,
          deviceName: 'Caja rechazos',
        },
      });
      expect(await itemsOf(otherManager, 'sync_conflict', log[0]!.id)).toEqual([]);
    });
  },
);
