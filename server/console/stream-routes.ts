import { Router } from 'express';
import { loadSession, managerOf, requireManager, type ManagerIdentity } from '../auth/manager-session';
import type { Db } from '../db/database';
import type { ChangeBus, ChangeEvent } from '../live/change-bus';
import { serveChangeStream } from '../live/change-stream';

export interface ConsoleStreamDeps {
  db: Db;
  bus: ChangeBus;
  heartbeatMs: number;
}

/**
 * SSE `data:` of a console `changed` event: what moved past `seq`, and where. The console re-reads
 * the views showing those collections (stock, sales, reconciliation, …).
 */
export interface ConsoleChanged {
  seq: number;
  collections: ChangeEvent['collections'];
  /** Locations whose stock changed, limited to what the manager may see. */
  locationIds: string[];
  /** Branches concerned, limited to what the manager may see; empty when the change is not a branch's. */
  branchIds: string[];
}

/** Catalogue-wide changes every manager sees; the rest belong to a location or branch. */
const CHAIN_WIDE = new Set<ChangeEvent['collections'][number]>(['products', 'conflicts', 'stockrules', 'prices']);
/** Console accounts are administrators' business only. */
const ADMINS_ONLY = new Set<ChangeEvent['collections'][number]>(['managers']);

/**
 * GET /api/console/stream: live changes for a signed-in manager (invariant 8: a branch manager
 * hears only of their branches' stock, sales and reconciliation items; catalogue changes reach
 * everyone). `resync` on every (re)connect, `heartbeat` to keep proxies from closing it.
 */
export function consoleStreamRoutes({ db, bus, heartbeatMs }: ConsoleStreamDeps): Router {
  const router = Router();
  router.get('/', requireManager(db), async (req, res) => {
    const manager = managerOf(req);
    const scope = await scopeOf(db, manager);
    serveChangeStream(
      req,
      res,
      bus,
      heartbeatMs,
      (event) => visibleTo(scope, event),
      async () => (await loadSession(db, req))?.manager.id === manager.id,
    );
  });
  return router;
}

interface Scope {
  all: boolean;
  branchIds: Set<string>;
  locationIds: Set<string>;
}

async function scopeOf(db: Db, manager: ManagerIdentity): Promise<Scope> {
  if (manager.branchIds === 'all') return { all: true, branchIds: new Set(), locationIds: new Set() };
  const branches = manager.branchIds.length
    ? await db.selectFrom('branches').select(['id', 'location_id']).where('id', 'in', manager.branchIds).execute()
    : [];
  return {
    all: false,
    branchIds: new Set(branches.map((b) => b.id)),
    locationIds: new Set(branches.map((b) => b.location_id)),
  };
}

export function visibleTo(scope: Scope, event: ChangeEvent): ConsoleChanged | null {
  const branchIds = event.branchIds ?? [];
  if (scope.all) return { seq: event.seq, collections: event.collections, locationIds: event.locationIds, branchIds };
  const locationIds = event.locationIds.filter((l) => scope.locationIds.has(l));
  const ownBranches = branchIds.filter((b) => scope.branchIds.has(b));
  const concernsScope = locationIds.length > 0 || ownBranches.length > 0;
  const collections = event.collections.filter((c) => !ADMINS_ONLY.has(c) && (CHAIN_WIDE.has(c) || concernsScope));
  if (collections.length === 0) return null;
  return { seq: event.seq, collections, locationIds, branchIds: ownBranches };
}
