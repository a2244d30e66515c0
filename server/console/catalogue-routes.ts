import express, { Router, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { branchEditSchema } from '../../shared/console/fleet';
import { assertCanManageBranch, managerOf, requireManager } from '../auth/manager-session';
import { branchSettingsPatchSchema, listBranchSettings, type BranchSettings } from '../catalogue/branch-settings';
import { branchCreateSchema, createBranch, patchBranchSettings } from '../catalogue/branches-admin';
import {
  cashierCreateSchema,
  cashierPatchSchema,
  createCashier,
  listCashiers,
  patchCashier,
} from '../catalogue/cashiers-admin';
import { conflictListQuerySchema, listConflicts } from '../catalogue/conflict-log';
import {
  createProduct,
  deleteProduct,
  listProducts,
  patchProduct,
  productCreateSchema,
  productListQuerySchema,
  productPatchSchema,
  type ProductWriteResult,
} from '../catalogue/console-products';
import { withExtras } from '../catalogue/product-extras';
import type { Db } from '../db/database';
import { parseOrThrow } from '../http/api-error';
import type { ChangeBus } from '../live/change-bus';
import './catalogue-openapi';

export interface CatalogueRouteDeps {
  db: Db;
  bus: ChangeBus;
  logger: Logger;
}

const idParam = z.string().min(1).max(64);

/** What a branch looks like in the console: settings included (also the product fields its devices may edit). */
function branchView(s: BranchSettings) {
  return {
    id: s.branchId,
    name: s.name,
    locationId: s.locationId,
    receiptPrefix: s.receiptPrefix,
    currency: s.currency,
    timeZone: s.timeZone,
    settings: {
      allowOversell: s.allowOversell,
      idleLockSeconds: s.idleLockSeconds,
      receiptHeader: s.receiptHeader,
      receiptFooter: s.receiptFooter,
      productEditFields: s.productEditFields,
      requireOpenShift: s.requireOpenShift,
      maxDiscountBp: s.maxDiscountBp,
      scaleLabels: s.scaleLabels,
    },
    seq: s.seq,
  };
}

/**
 * Console endpoints of the catalogue (mounted at /api/console): products with price history,
 * the conflict log, branches with their settings, and cashiers. Every one needs a manager
 * session; catalogue writes and new branches need an administrator (the centre owns them), a
 * branch manager acts on their own branches only (DESIGN invariant 8).
 */
export function catalogueRoutes({ db, bus, logger }: CatalogueRouteDeps): Router {
  const router = Router();
  const json = express.json({ limit: '64kb' });
  const anyManager = requireManager(db);
  const admin = requireManager(db, { role: 'admin' });

  const publishProduct = (r: ProductWriteResult) => {
    if (r.writtenUpTo !== null)
      bus.publish({
        seq: r.writtenUpTo,
        collections: r.conflicts.length ? ['products', 'conflicts', 'reconciliation'] : ['products'],
        locationIds: [],
      });
  };
  productEndpoints(router, { db, json, anyManager, admin, publishProduct, logger });
  branchEndpoints(router, { db, bus, json, anyManager, admin, logger });
  return router;
}

interface EndpointDeps {
  db: Db;
  logger: Logger;
  json: RequestHandler;
  anyManager: RequestHandler;
  admin: RequestHandler;
}

function productEndpoints(
  router: Router,
  {
    db,
    json,
    anyManager,
    admin,
    publishProduct,
    logger,
  }: EndpointDeps & { publishProduct: (r: ProductWriteResult) => void },
) {
  router.get('/products', anyManager, async (req, res) => {
    const page = await listProducts(db, parseOrThrow(productListQuerySchema, req.query, 'product search'));
    res.json({ items: await withExtras(db, page.items), nextCursor: page.nextCursor });
  });

  router.post('/products', admin, json, async (req, res) => {
    const body = parseOrThrow(productCreateSchema, req.body, 'new product');
    const result = await createProduct(db, body, managerOf(req).id);
    publishProduct(result);
    logger.info({ productId: result.product.id, managerId: managerOf(req).id }, 'product created');
    res.status(201).json(result.product);
  });

  router.patch('/products/:id', admin, json, async (req, res) => {
    const id = parseOrThrow(idParam, req.params.id, 'product id');
    const body = parseOrThrow(productPatchSchema, req.body, 'product change');
    const result = await patchProduct(db, id, body, managerOf(req).id);
    publishProduct(result);
    res.json({ product: result.product, conflicts: result.conflicts });
  });

  router.delete('/products/:id', admin, async (req, res) => {
    const id = parseOrThrow(idParam, req.params.id, 'product id');
    const result = await deleteProduct(db, id, managerOf(req).id);
    publishProduct(result);
    res.json(result.product);
  });

  router.get('/conflicts', anyManager, async (req, res) => {
    const q = parseOrThrow(conflictListQuerySchema, req.query, 'conflict log query');
    res.json(await listConflicts(db, q, managerOf(req).branchIds));
  });
}

/** Branches with their settings, and each branch's cashiers (a branch manager: their own branches only). */
function branchEndpoints(
  router: Router,
  { db, bus, json, anyManager, admin, logger }: EndpointDeps & { bus: ChangeBus },
) {
  router.get('/branches', anyManager, async (req, res) => {
    res.json({ branches: (await listBranchSettings(db, managerOf(req).branchIds)).map(branchView) });
  });

  router.post('/branches', admin, json, async (req, res) => {
    const body = parseOrThrow(branchCreateSchema, req.body, 'new branch');
    const created = await createBranch(db, body);
    logger.info({ branchId: created.branchId, managerId: managerOf(req).id }, 'branch created');
    res.status(201).json(branchView(created));
  });

  router.patch('/branches/:id/settings', anyManager, json, async (req, res) => {
    const branchId = parseOrThrow(idParam, req.params.id, 'branch id');
    assertCanManageBranch(managerOf(req), branchId);
    const body = parseOrThrow(branchSettingsPatchSchema, req.body, 'settings change');
    const saved = await patchBranchSettings(db, branchId, body);
    bus.publish({ seq: saved.seq, collections: ['settings'], locationIds: [], branchIds: [branchId] });
    res.json(branchView(saved));
  });

  router.patch('/branches/:id', anyManager, json, async (req, res) => {
    const branchId = parseOrThrow(idParam, req.params.id, 'branch id');
    assertCanManageBranch(managerOf(req), branchId);
    const body = parseOrThrow(branchEditSchema, req.body, 'branch change');
    const saved = await patchBranchSettings(db, branchId, body);
    logger.info({ branchId, managerId: managerOf(req).id, fields: Object.keys(body) }, 'branch edited');
    bus.publish({ seq: saved.seq, collections: ['settings'], locationIds: [], branchIds: [branchId] });
    res.json(branchView(saved));
  });

  router.get('/branches/:id/cashiers', anyManager, async (req, res) => {
    const branchId = parseOrThrow(idParam, req.params.id, 'branch id');
    assertCanManageBranch(managerOf(req), branchId);
    res.json({ cashiers: await listCashiers(db, branchId) });
  });

  router.post('/branches/:id/cashiers', anyManager, json, async (req, res) => {
    const branchId = parseOrThrow(idParam, req.params.id, 'branch id');
    assertCanManageBranch(managerOf(req), branchId);
    const body = parseOrThrow(cashierCreateSchema, req.body, 'new cashier');
    const { cashier, seq } = await createCashier(db, branchId, body);
    bus.publish({ seq, collections: ['cashiers'], locationIds: [], branchIds: [branchId] });
    res.status(201).json(cashier);
  });

  router.patch('/branches/:id/cashiers/:cashierId', anyManager, json, async (req, res) => {
    const branchId = parseOrThrow(idParam, req.params.id, 'branch id');
    assertCanManageBranch(managerOf(req), branchId);
    const cashierId = parseOrThrow(idParam, req.params.cashierId, 'cashier id');
    const body = parseOrThrow(cashierPatchSchema, req.body, 'cashier change');
    const { cashier, seq } = await patchCashier(db, branchId, cashierId, body);
    bus.publish({ seq, collections: ['cashiers'], locationIds: [], branchIds: [branchId] });
    res.json(cashier);
  });
}
