import express, { Router } from 'express';
import { deviceStatusReportSchema } from '../../shared/protocol';
import { deviceOf, requireDevice } from '../auth/device-auth';
import type { Db } from '../db/database';
import { parseOrThrow } from '../http/api-error';
import type { ChangeBus } from '../live/change-bus';
import { touchDeviceLinks } from '../reports/device-links';
import { publishDeviceChange, saveDeviceStatus } from './device-admin';

/** POST /api/devices/status: a device reports its sync health (the latest report is kept). */
export function deviceStatusRoutes({ db, bus }: { db: Db; bus?: ChangeBus }): Router {
  const router = Router();
  router.post('/', requireDevice(db), express.json({ limit: '16kb' }), async (req, res) => {
    const report = parseOrThrow(deviceStatusReportSchema, req.body, 'device status report');
    const receivedAt = await saveDeviceStatus(db, deviceOf(req).deviceId, report);
    await touchDeviceLinks(db, deviceOf(req).deviceId);
    await publishDeviceChange(db, bus, deviceOf(req).branchId);
    res.json({ receivedAt });
  });
  return router;
}
