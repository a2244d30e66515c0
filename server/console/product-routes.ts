import express, { Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  categoriesResponseSchema,
  consoleProductSchema,
  priceChangeRequestSchema,
  priceChangeSchema,
  priceHistorySchema,
  priceRolloutSchema,
  productIdParams,
  productImportRequestSchema,
  productImportResponseSchema,
  stockRuleRequestSchema,
} from '../../shared/console/catalogue';
import { managerOf, requireManager } from '../auth/manager-session';
import { deleteProduct } from '../catalogue/console-products';
import { priceRollout } from '../catalogue/price-rollout';
import { cancelPriceChange, priceHistory, schedulePriceChange } from '../catalogue/price-schedule';
import { importProducts } from '../catalogue/product-import';
import { listCategories, restoreProduct, setStockRule, withExtras } from '../catalogue/product-extras';
import { productDoc } from '../catalogue/product-rows';
import type { Db } from '../db/database';
import { ApiError, parseOrThrow } from '../http/api-error';
import { registerOperation, type OperationSpec } from '../http/openapi';
import type { ChangeBus } from '../live/change-bus';

const changeParams = z.object({ id: z.string().min(1).max(64), changeId: z.string().min(1).max(64) });
const operations: Omit<OperationSpec, 'tags' | 'auth'>[] = [
  {
    method: 'get',
    path: '/api/console/products/categories',
    summary: 'Categories of the active catalogue, with product counts',
    responses: { 200: { description: 'By name.', body: categoriesResponseSchema } },
  },
  {
    method: 'get',
    path: '/api/console/products/:id',
    summary: 'One product with its reorder rule and pending price',
    request: { params: productIdParams },
    responses: { 200: { description: 'The product.', body: consoleProductSchema }, 404: { description: 'None.' } },
  },
  {
    method: 'post',
    path: '/api/console/products/:id/archive',
    summary: 'Archive a product (administrators): tablets drop it, sales and history keep it',
    request: { params: productIdParams },
    responses: { 200: { description: 'The product, archived.', body: consoleProductSchema } },
  },
  {
    method: 'post',
    path: '/api/console/products/:id/restore',
    summary: 'Bring an archived product back (administrators)',
    request: { params: productIdParams },
    responses: { 200: { description: 'The product, active.', body: consoleProductSchema } },
  },
  {
    method: 'put',
    path: '/api/console/products/:id/stock-rule',
    summary: 'Set the reorder minimum and maximum (administrators)',
    request: { params: productIdParams, body: stockRuleRequestSchema },
    responses: { 200: { description: 'The product with its rule.', body: consoleProductSchema } },
  },
  {
    method: 'get',
    path: '/api/console/products/:id/prices',
    summary: 'Price history (what sales are checked against) and scheduled price changes',
    request: { params: productIdParams },
    responses: { 200: { description: 'History oldest first.', body: priceHistorySchema } },
  },
  {
    method: 'post',
    path: '/api/console/products/:id/price-changes',
    summary: 'Schedule a price from a future date and time (administrators); pending until then',
    request: { params: productIdParams, body: priceChangeRequestSchema },
    responses: { 201: { description: 'The scheduled change.', body: priceChangeSchema } },
  },
  {
    method: 'delete',
    path: '/api/console/products/:id/price-changes/:changeId',
    summary: 'Cancel a pending price change (administrators)',
    request: { params: changeParams },
    responses: { 200: { description: 'Cancelled.', body: priceChangeSchema }, 409: { description: 'Not pending.' } },
  },
  {
    method: 'get',
    path: '/api/console/products/:id/price-changes/:changeId/rollout',
    summary: 'Which tablets have the new price, and sales made at another price after it took effect',
    description: 'A branch manager sees their branches only.',
    request: { params: changeParams },
    responses: { 200: { description: 'The rollout.', body: priceRolloutSchema } },
  },
  {
    method: 'post',
    path: '/api/console/products/import',
    summary:
      'CSV import (administrators): confirm=false previews with per-row errors, confirm=true writes all or nothing',
    request: { body: productImportRequestSchema },
    responses: { 200: { description: 'The preview or the import.', body: productImportResponseSchema } },
  },
];
for (const op of operations) registerOperation({ ...op, tags: ['console', 'catalogue'], auth: 'manager' });

/** Catalogue endpoints beyond create/edit (catalogue-routes.ts): archive, stock rule, prices, rollout, CSV import. */
export function productRoutes({ db, bus, logger }: { db: Db; bus: ChangeBus; logger: Logger }): Router {
  const router = Router();
  const anyManager = requireManager(db);
  const admin = requireManager(db, { role: 'admin' });
  const json = express.json({ limit: '64kb' });
  const published = (seq: number | null) => {
    if (seq !== null) bus.publish({ seq, collections: ['products'], locationIds: [] });
  };
  const view = async (id: string) => {
    const row = await db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new ApiError('NOT_FOUND', `There is no product ${id}; reload the product list.`);
    return (await withExtras(db, [{ ...productDoc(row), seq: Number(row.seq), updatedAt: row.updated_at }]))[0]!;
  };
  const idOf = (req: express.Request) => parseOrThrow(productIdParams, req.params, 'product').id;

  router.get('/products/categories', anyManager, async (_req, res) => {
    res.json({ categories: await listCategories(db) });
  });
  router.get('/products/:id', anyManager, async (req, res) => {
    res.json(await view(idOf(req)));
  });
  router.post('/products/:id/archive', admin, async (req, res) => {
    const id = idOf(req);
    published((await deleteProduct(db, id, managerOf(req).id)).writtenUpTo);
    res.json(await view(id));
  });
  router.post('/products/:id/restore', admin, async (req, res) => {
    const id = idOf(req);
    published(await restoreProduct(db, id, managerOf(req).id));
    res.json(await view(id));
  });
  router.put('/products/:id/stock-rule', admin, json, async (req, res) => {
    const id = idOf(req);
    await setStockRule(db, id, parseOrThrow(stockRuleRequestSchema, req.body, 'reorder rule'));
    res.json(await view(id));
  });
  router.get('/products/:id/prices', anyManager, async (req, res) => {
    res.json(await priceHistory(db, idOf(req)));
  });
  router.post('/products/:id/price-changes', admin, json, async (req, res) => {
    const body = parseOrThrow(priceChangeRequestSchema, req.body, 'price change');
    const change = await schedulePriceChange(db, idOf(req), body, managerOf(req).id);
    logger.info({ changeId: change.id, productId: change.productId, managerId: managerOf(req).id }, 'price scheduled');
    res.status(201).json(change);
  });
  router.delete('/products/:id/price-changes/:changeId', admin, async (req, res) => {
    const p = parseOrThrow(changeParams, req.params, 'price change');
    res.json(await cancelPriceChange(db, p.id, p.changeId));
  });
  router.get('/products/:id/price-changes/:changeId/rollout', anyManager, async (req, res) => {
    const p = parseOrThrow(changeParams, req.params, 'price change');
    res.json(await priceRollout(db, p.id, p.changeId, managerOf(req).branchIds));
  });
  router.post('/products/import', admin, express.json({ limit: '6mb' }), async (req, res) => {
    const body = parseOrThrow(productImportRequestSchema, req.body, 'CSV import');
    const { response, writtenUpTo } = await importProducts(db, body, managerOf(req).id);
    published(writtenUpTo);
    if (body.confirm) logger.info({ managerId: managerOf(req).id, rows: response.rows.length }, 'catalogue imported');
    res.json(response);
  });
  return router;
}
