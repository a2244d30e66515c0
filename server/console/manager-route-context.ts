import { Router, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { managerOf, requireManager, type ManagerIdentity } from '../auth/manager-session';
import type { Db } from '../db/database';
import { routeTable } from '../http/route-table';
import { assertCanManageLocation, locationInfo, visibleLocations } from '../ledger/manager-movements';
import type { ChangeBus } from '../live/change-bus';

/** What the route groups of a console router share: the database, the change bus, the log, its routes, the guard. */
export interface ManagerRouteContext {
  db: Db;
  bus: ChangeBus;
  logger: Logger;
  route: ReturnType<typeof routeTable>;
  /** Any signed-in manager; each route checks the branch or location itself. */
  manager: RequestHandler[];
  /** Administrators only. */
  admin: RequestHandler[];
}

/** Routes under /api/console for signed-in managers, documented under `tags`. */
export function managerRouteContext(
  router: Router,
  deps: { db: Db; bus: ChangeBus; logger: Logger },
  table: { tags: string[]; bodyLimit?: string },
): ManagerRouteContext {
  return {
    ...deps,
    manager: [requireManager(deps.db)],
    admin: [requireManager(deps.db, { role: 'admin' })],
    route: routeTable(router, { prefix: '/api/console', auth: 'manager', ...table }),
  };
}

/** A console router made of route groups that share one context. */
export function managerRouter(
  deps: { db: Db; bus: ChangeBus; logger: Logger },
  table: { tags: string[]; bodyLimit?: string },
  ...groups: ((ctx: ManagerRouteContext) => void)[]
): Router {
  const router = Router();
  const ctx = managerRouteContext(router, deps, table);
  for (const group of groups) group(ctx);
  return router;
}

/**
 * A list query limited to the locations the manager may see; one it names must be one of them (403 otherwise).
 */
export async function inManagerLocations<Q extends { locationId?: string | undefined }>(
  db: Db,
  manager: ManagerIdentity,
  query: Q,
): Promise<Q & { locations: 'all' | string[] }> {
  if (query.locationId) assertCanManageLocation(manager, await locationInfo(db, query.locationId));
  return { ...query, locations: await visibleLocations(db, manager) };
}

/**
 * GET `path`: a page of what the manager's locations hold, newest first; the query may name one of them.
 * `list` gets the parsed query with the locations the manager may see (inManagerLocations).
 */
export function locationListRoute<Q extends z.ZodType<{ locationId?: string | undefined }>>(
  { db, route, manager }: Pick<ManagerRouteContext, 'db' | 'route' | 'manager'>,
  spec: { path: string; what: string; summary: string; query: Q; answer: string },
  list: (db: Db, query: z.infer<Q> & { locations: 'all' | string[] }) => Promise<unknown>,
): void {
  route(
    {
      method: 'get',
      path: spec.path,
      what: spec.what,
      summary: spec.summary,
      request: { query: spec.query },
      responses: { 200: { description: spec.answer } },
    },
    manager,
    async ({ query, req }) => list(db, await inManagerLocations(db, managerOf(req), query as z.infer<Q>)),
  );
}
