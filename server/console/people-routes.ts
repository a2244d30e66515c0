import type { Router } from 'express';
import type { Logger } from 'pino';
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
import { managerOf } from '../auth/manager-session';
import type { Db } from '../db/database';
import { currentSequence } from '../ledger/server-sequence';
import type { ChangeBus } from '../live/change-bus';
import { idParams } from '../http/route-table';
import { managerRouter, type ManagerRouteContext } from './manager-route-context';

/** /api/console/managers: administrators manage the console's accounts (cashiers are per branch, catalogue-routes.ts). */
export function peopleRoutes(deps: { db: Db; bus: ChangeBus; logger: Logger }): Router {
  return managerRouter(deps, { tags: ['console', 'people'], bodyLimit: '8kb' }, managerAccountRoutes);
}

function managerAccountRoutes({ db, bus, logger, route, admin }: ManagerRouteContext) {
  // Open people pages re-read the list (stream-routes.ts shows these to administrators only).
  const changed = async () =>
    bus.publish({ seq: await currentSequence(db), collections: ['managers'], locationIds: [] });
  route(
    {
      method: 'get',
      path: '/managers',
      what: 'manager list query',
      summary: 'Managers and administrators (administrators only)',
      request: { query: managerListQuerySchema },
      responses: { 200: { description: 'By name.', body: managerListResponseSchema } },
    },
    admin,
    async ({ query }) => ({ managers: await listManagers(db, query) }),
  );
  route(
    {
      method: 'post',
      path: '/managers',
      what: 'new manager',
      summary: 'Create a manager or administrator (administrators only)',
      request: { body: managerCreateSchema },
      responses: {
        201: { description: 'The account.', body: managerViewSchema },
        409: { description: 'Email taken.' },
      },
    },
    admin,
    async ({ body, req }) => {
      const { id } = await createManagerAccount(db, body);
      logger.info({ managerId: id, by: managerOf(req).id, role: body.role }, 'manager created in the console');
      await changed();
      return managerView(db, id);
    },
  );
  route(
    {
      method: 'patch',
      path: '/managers/:id',
      what: 'manager change',
      summary: 'Rename, change branch scope, disable or enable a manager (administrators only)',
      description: 'Disabling ends the sessions at once; the last active administrator cannot be disabled.',
      request: { params: idParams, body: managerPatchSchema },
      responses: { 200: { description: 'The account now.', body: managerViewSchema } },
    },
    admin,
    async ({ params, body, req }) => {
      const view = await patchManager(db, managerOf(req).id, params.id, body);
      logger.info({ managerId: params.id, by: managerOf(req).id, fields: Object.keys(body) }, 'manager changed');
      await changed();
      return view;
    },
  );
  route(
    {
      method: 'post',
      path: '/managers/:id/reset-password',
      what: 'new password',
      summary: "Set a manager's new password (administrators only); their sessions end",
      request: { params: idParams, body: passwordResetSchema },
      responses: { 204: { description: 'Done.' } },
    },
    admin,
    async ({ params, body, req }) => {
      await resetPasswordById(db, params.id, body.password);
      logger.info({ managerId: params.id, by: managerOf(req).id }, 'manager password reset');
      await changed();
    },
  );
}
