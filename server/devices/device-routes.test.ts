import { describe, expect, it } from 'vitest';
import type { DeviceListResponse } from '../../shared/console/device-health';
import type { ApiErrorBody, DeviceStatusReport } from '../../shared/protocol';
import { DEMO_BRANCH_ID } from '../db/seed-demo';
import { reachableTestDatabases, type TestDatabase } from '../test/databases';
import { pairDevice, pullProducts, request } from '../test/test-server';
import { useTestServer } from '../test/use-test-server';

const REPORT: DeviceStatusReport = {
  appVersion: '0.1.0',
  online: true,
  breaker: 'half_open',
  pendingCount: 3,
  pendingValueCents: 1234,
  rejectedCount: 1,
  lastSyncAt: '2020-01-02T03:04:05.000Z',
  storage: { usageBytes: 1000, quotaBytes: 100000, persisted: true },
};

describe.each(reachableTestDatabases)(
  'devices: status reports, console list and revoke, over HTTP on $label',
  (database: TestDatabase) => {
    const { server, admin, branchManager } = useTestServer(database, {
      branches: { 'sucursal-002': 'S002' },
      managers: { admin: 'admin', branchManager: { role: 'branch_manager', branchIds: [DEMO_BRANCH_ID] } },
    });

    it('a device reports its status; the console lists it with the server receive time (latest report wins)', async () => {
      const device = await pairDevice(server);
      const first = await request<{ receivedAt: string }>(server.url, '/api/devices/status', {
        token: device.token,
        json: { ...REPORT, pendingCount: 9 },
      });
      expect(first.status).toBe(200);
      const second = await request<{ receivedAt: string }>(server.url, '/api/devices/status', {
        token: device.token,
        json: REPORT,
      });
      expect(second.status).toBe(200);
      const list = await request<DeviceListResponse>(server.url, '/api/console/devices', { headers: admin.headers() });
      expect(list.status).toBe(200);
      const row = list.body.devices.find((d) => d.id === device.deviceId)!;
      expect(row).toMatchObject({
        branchId: DEMO_BRANCH_ID,
        number: device.deviceNumber,
        name: device.name,
        revokedAt: null,
      });
      expect(row.status).toEqual({ ...REPORT, receivedAt: second.body.receivedAt });
      // Invariant 5: the device's clock is shown as sent; the server stamps its own receive time.
      expect(Date.parse(row.status!.receivedAt)).toBeGreaterThan(Date.parse(REPORT.lastSyncAt!));
      expect(row.lastSeenAt).not.toBeNull();
    });

    it('a status report needs a device token and a valid body, and a bad one changes nothing', async () => {
      const device = await pairDevice(server);
      expect((await request(server.url, '/api/devices/status', { json: REPORT })).status).toBe(401);
      const bad = await request<ApiErrorBody>(server.url, '/api/devices/status', {
        token: device.token,
        json: { ...REPORT, pendingCount: -1, breaker: 'melted' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/pendingCount/);
      expect(bad.body.error.message).toMatch(/breaker/);
      expect(
        await server.db.selectFrom('device_status').selectAll().where('device_id', '=', device.deviceId).execute(),
      ).toEqual([]);
    });

    it('last_seen_at is written on the first authenticated call and at most once a minute after', async () => {
      const device = await pairDevice(server);
      await pullProducts(server.url, device.token);
      const seen = async () =>
        (
          await server.db
            .selectFrom('devices')
            .select('last_seen_at')
            .where('id', '=', device.deviceId)
            .executeTakeFirstOrThrow()
        ).last_seen_at;
      const first = await seen();
      expect(first).not.toBeNull();
      await pullProducts(server.url, device.token);
      expect(await seen()).toBe(first);
      await server.db
        .updateTable('devices')
        .set({ last_seen_at: new Date(Date.now() - 61_000).toISOString() })
        .where('id', '=', device.deviceId)
        .execute();
      await pullProducts(server.url, device.token);
      expect(Date.parse((await seen())!)).toBeGreaterThan(Date.now() - 5000);
    });

    it('invariant 8: the console device list needs a manager session', async () => {
      const res = await request<ApiErrorBody>(server.url, '/api/console/devices');
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('invariant 8: a branch manager sees only the devices of their branches; asking for another branch is 403', async () => {
      const other = await pairDevice(server, 'sucursal-002');
      const own = await pairDevice(server);
      const list = await request<DeviceListResponse>(server.url, '/api/console/devices', {
        headers: branchManager.headers(),
      });
      expect(list.status).toBe(200);
      const ids = list.body.devices.map((d) => d.id);
      expect(ids).toContain(own.deviceId);
      expect(ids).not.toContain(other.deviceId);
      expect(list.body.devices.every((d) => d.branchId === DEMO_BRANCH_ID)).toBe(true);
      const forbidden = await request<ApiErrorBody>(server.url, '/api/console/devices?branchId=sucursal-002', {
        headers: branchManager.headers(),
      });
      expect(forbidden.status).toBe(403);
      const adminList = await request<DeviceListResponse>(server.url, '/api/console/devices?branchId=sucursal-002', {
        headers: admin.headers(),
      });
      expect(adminList.body.devices.map((d) => d.id)).toEqual([other.deviceId]);
    });

    it('the list paginates with offset and limit', async () => {
      const page1 = await request<DeviceListResponse>(server.url, '/api/console/devices?limit=1', {
        headers: admin.headers(),
      });
      expect(page1.body.devices).toHaveLength(1);
      expect(page1.body.nextOffset).toBe(1);
      const page2 = await request<DeviceListResponse>(server.url, '/api/console/devices?limit=1&offset=1', {
        headers: admin.headers(),
      });
      expect(page2.body.devices[0]!.id).not.toBe(page1.body.devices[0]!.id);
    });

    it('revoking a device: its token gets 401 at once and the list shows when', async () => {
      const device = await pairDevice(server);
      expect((await pullProducts(server.url, device.token)).status).toBe(200);
      const res = await request<{ revokedAt: string }>(server.url, `/api/console/devices/${device.deviceId}/revoke`, {
        method: 'POST',
        headers: branchManager.headers(),
      });
      expect(res.status).toBe(200);
      const after = await request<ApiErrorBody>(server.url, '/api/devices/status', {
        token: device.token,
        json: REPORT,
      });
      expect(after.status).toBe(401);
      expect(after.body.error.message).toMatch(/unpaired/);
      expect((await pullProducts(server.url, device.token)).status).toBe(401);
      const list = await request<DeviceListResponse>(server.url, '/api/console/devices', { headers: admin.headers() });
      expect(list.body.devices.find((d) => d.id === device.deviceId)!.revokedAt).toBe(res.body.revokedAt);
    });

    it('CSRF: a revoke without the x-csrf-token header (or with a wrong one) is 403 and changes nothing', async () => {
      const device = await pairDevice(server);
      const missing = await request<ApiErrorBody>(server.url, `/api/console/devices/${device.deviceId}/revoke`, {
        method: 'POST',
        headers: { cookie: admin.cookie },
      });
      expect(missing.status).toBe(403);
      expect(missing.body.error.message).toMatch(/x-csrf-token/);
      const wrong = await request(server.url, `/api/console/devices/${device.deviceId}/revoke`, {
        method: 'POST',
        headers: { cookie: admin.cookie, 'x-csrf-token': branchManager.csrfToken },
      });
      expect(wrong.status).toBe(403);
      expect((await pullProducts(server.url, device.token)).status).toBe(200);
      const row = await server.db
        .selectFrom('devices')
        .select('revoked_at')
        .where('id', '=', device.deviceId)
        .executeTakeFirstOrThrow();
      expect(row.revoked_at).toBeNull();
    });

    it("invariant 8: a branch manager cannot revoke another branch's device (403, still paired); an admin can", async () => {
      const device = await pairDevice(server, 'sucursal-002');
      const res = await request<ApiErrorBody>(server.url, `/api/console/devices/${device.deviceId}/revoke`, {
        method: 'POST',
        headers: branchManager.headers(),
      });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/sucursal-002/);
      expect((await pullProducts(server.url, device.token)).status).toBe(200);
      const byAdmin = await request(server.url, `/api/console/devices/${device.deviceId}/revoke`, {
        method: 'POST',
        headers: admin.headers(),
      });
      expect(byAdmin.status).toBe(200);
      expect((await pullProducts(server.url, device.token)).status).toBe(401);
    });

    it('revoking an unknown device is 404', async () => {
      const res = await request<ApiErrorBody>(server.url, '/api/console/devices/nope/revoke', {
        method: 'POST',
        headers: admin.headers(),
      });
      expect(res.status).toBe(404);
    });
  },
);
