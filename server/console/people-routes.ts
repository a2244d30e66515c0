import express, { Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  managerCreateSchema,
  managerListQuerySchema,
  managerListResponseSchema,
  managerPatchSchema,
  managerViewSchema,
  passwordResetSchema,
} from '../../shared/console/people';
import { createManagerAccount } from '../auth/manager-accounts';
import { listManagers, managerView, patchManager, resetPasswordById } from '../auth/manager-admin';
import { managerOf, requireManager } from '../auth/manager-session';
import type { Db } from '../db/database';
import { parseOrThrow } from '../http/api-error';
import { registerOperation, type OperationSpec } from '../http/openapi';

const idParams = z.object({ id: z.string().min(1).max(64) });
const operations: Omit<OperationSpec, 'tags' | 'auth'>[] = [
  {
    method: 'get',
    path: '/api/console/managers',
    summary: 'Managers and administrators (administrators only)',
    request: { query: managerListQuerySchema },
    responses: { 200: { description: 'By name.', body: managerListResponseSchema } },
  },
  {
    method: 'post',
    path: '/api/console/managers',
    summary: 'Create a manager or administrator (administrators only)',
    request: { body: managerCreateSchema },
    responses: { 201: { description: 'The account.', body: managerViewSchema }, 409: { description: 'Email taken.' } },
  },
  {
    method: 'patch',
    path: '/api/console/managers/:id',
    summary: 'Rename, change branch scope, disable or enable a manager (administrators only)',
    description: 'Disabling ends the sessions at once; the last active administrator cannot be disabled.',
    request: { params: idParams, body: managerPatchSchema },
    responses: { 200: { description: 'The account now.', body: managerViewSchema } },
  },
  {
    method: 'post',
    path: '/api/console/managers/:id/reset-password',
    summary: "Set a manager's new password (administrators only); their sessions end",
    request: { params: idParams, body: passwordResetSchema },
    responses: { 204: { description: 'Done.' } },
  },
];
for (const op of operations) registerOperation({ ...op, tags: ['console', 'people'], auth: 'manager' });

/** /api/console/managers: administrators manage the console's accounts (cashiers are per branch, catalogue-routes.ts). */
export function peopleRoutes({ db, logger }: { db: Db; logger: Logger }): Router {
  const router = Router();
  const admin = requireManager(db, { role: 'admin' });
  const json = express.json({ limit: '8kb' });

  router.get('/managers', admin, async (req, res) => {
    const q = parseOrThrow(managerListQuerySchema, req.query, 'manager list query');
    res.json({ managers: await listManagers(db, q) });
  });
  router.post('/managers', admin, json, async (req, res) => {
    const body = parseOrThrow(managerCreateSchema, req.body, 'new manager');
    const { id } = await createManagerAccount(db, body);
    logger.info({ managerId: id, by: managerOf(req).id, role: body.role }, 'manager created in the console');
    res.status(201).json(await managerView(db, id));
  });
  router.patch('/managers/:id', admin, json, async (req, res) => {
    const { id } = parseOrThrow(idParams, req.params, 'manager');
    const body = parseOrThrow(managerPatchSchema, req.body, 'manager change');
    const view = await patchManager(db, managerOf(req).id, id, body);
    logger.info({ managerId: id, by: managerOf(req).id, fields: Object.keys(body) }, 'manager changed');
    res.json(view);
  });
  router.post('/managers/:id/reset-password', admin, json, async (req, res) => {
    const { id } = parseOrThrow(idParams, req.params, 'manager');
    const { password } = parseOrThrow(passwordResetSchema, req.body, 'new password');
    await resetPasswordById(db, id, password);
    logger.info({ managerId: id, by: managerOf(req).id }, 'manager password reset');
    res.status(204).end();
  });
  return router;
}
