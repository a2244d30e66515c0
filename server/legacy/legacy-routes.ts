import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { Db } from '../db/database';
import type { ChangeBus, ChangeEvent } from '../live/change-bus';
import {
  boundError,
  decimalToCents,
  parseJsonBody,
  parseModel,
  parsePathInt,
  ValidationFailed,
  type DecimalText,
  type PydanticError,
} from './fastapi-validation';
import {
  addProduct,
  countLegacyProducts,
  deleteProduct,
  listInventory,
  updateProduct,
  type InventoryResult,
  type ProductInput,
} from './legacy-inventory';
import { resolveLegacyKey, type LegacyKeyIdentity } from './legacy-keys';
import { recordSaleNotification } from './legacy-sales';

export interface LegacyRouteDeps {
  db: Db;
  bus: ChangeBus;
  logger: Logger;
}

const MAX_QUANTITY = 100_000;
const MAX_CENTS = 1e12;

/** products.legacy_id is a 32-bit integer on PostgreSQL; no product has an id beyond, on either database. */
const MAX_LEGACY_ID = 2_147_483_647;
const NO_SUCH_PRODUCT = { detail: 'Producto no encontrado' };

const productModel = {
  id: { type: 'int' as const, gt: 0, le: MAX_LEGACY_ID },
  name: { type: 'str' as const },
  price: { type: 'float' as const, ge: 0 },
  stock: { type: 'int' as const, ge: 0, le: 1e9 },
};

const saleNotificationModel = {
  branch_id: { type: 'str' as const },
  product_id: { type: 'int' as const },
  quantity_sold: { type: 'int' as const, gt: 0, le: MAX_QUANTITY },
  timestamp: { type: 'datetime' as const },
  sale_price: { type: 'float' as const, gt: 0 },
};

/** A float field as cents, or the 422 pydantic would give for an out-of-range decimal. */
function centsOf(field: string, value: DecimalText, input: unknown, min: number): number {
  const cents = decimalToCents(value);
  if (cents === null || cents > MAX_CENTS)
    throw new ValidationFailed([boundError('le', MAX_CENTS / 100, ['body', field], input)]);
  // 0.001 rounds to 0 cents: not a price anyone charged.
  if (cents < min) throw new ValidationFailed([boundError('ge', min / 100, ['body', field], input)]);
  return cents;
}

function productInput(body: unknown): ProductInput {
  const p = parseModel(productModel, body);
  const name = p.name.trim();
  if (name === '' || name.length > 200) {
    const detail: PydanticError[] = [
      name === ''
        ? {
            type: 'string_too_short',
            loc: ['body', 'name'],
            msg: 'String should have at least 1 character',
            input: p.name,
            ctx: { min_length: 1 },
          }
        : {
            type: 'string_too_long',
            loc: ['body', 'name'],
            msg: 'String should have at most 200 characters',
            input: p.name,
            ctx: { max_length: 200 },
          },
    ];
    throw new ValidationFailed(detail);
  }
  return {
    id: p.id,
    name,
    priceCents: centsOf('price', p.price, (body as Record<string, unknown>).price, 0),
    stock: p.stock,
  };
}

/**
 * pydantic repeats the input in each error; an input nested thousands deep (valid JSON) would
 * overflow JSON.stringify's stack, and a huge one would be sent back whole.
 */
function echoedInput(input: unknown): unknown {
  try {
    return JSON.stringify(input).length <= 4096 ? input : '(demasiado largo para repetirlo)';
  } catch {
    return '(demasiado anidado para repetirlo)';
  }
}

const keyOf = (res: Response) => res.locals.legacyKey as LegacyKeyIdentity;

/** The body is read as text and parsed here, so broken JSON gets FastAPI's 422, not our 400. */
const jsonBody = (req: Request) => parseJsonBody(typeof req.body === 'string' ? req.body : '');

/**
 * The seed's central API under /legacy/<key>, for its Python branch prototype: the seed's paths,
 * JSON shapes and status codes (FastAPI's 422 `detail` list for a bad body). Without a valid key
 * the router steps aside and the request ends as any unknown URL does, so a wrong key cannot be
 * told from a path that does not exist.
 */
export function legacyRoutes(deps: LegacyRouteDeps): Router {
  const { db, logger } = deps;
  const router = Router({ mergeParams: true });

  router.use(async (req: Request<{ key: string }>, res, next) => {
    const key = await resolveLegacyKey(db, req.params.key);
    if (!key) return next('router');
    res.locals.legacyKey = key;
    next();
  });
  router.use(express.text({ type: () => true, limit: '64kb' }));

  router.get('/', async (_req, res) => {
    const key = keyOf(res);
    const notifications = await db
      .selectFrom('legacy_notifications')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('branch_id', '=', key.branchId)
      .executeTakeFirstOrThrow();
    res.json({
      service: '🌿 EcoMarket Central API',
      status: 'operational',
      total_products: await countLegacyProducts(db),
      total_notifications: Number(notifications.n),
    });
  });
  inventoryRoutes(router, deps);
  saleNotificationRoute(router, deps);

  // Inside a valid key, answer as FastAPI does for what the seed does not serve.
  const KNOWN = /^\/(inventory(\/[^/]+)?|sale-notification)?\/?$/;
  router.use((req, res) => {
    if (KNOWN.test(req.path)) res.status(405).json({ detail: 'Method Not Allowed' });
    else res.status(404).json({ detail: 'Not Found' });
  });
  router.use(legacyErrors(logger));
  return router;
}

/** GET, POST /inventory and PUT, DELETE /inventory/{id}; changes reach devices on the bus. */
function inventoryRoutes(router: Router, { db, bus }: LegacyRouteDeps): void {
  const publish = (result: InventoryResult) => {
    if (!result.changed) return;
    const collections: ('products' | 'stock')[] = [];
    if (result.changed.products) collections.push('products');
    if (result.changed.stockAt) collections.push('stock');
    bus.publish({
      seq: result.changed.seq,
      collections,
      locationIds: result.changed.stockAt ? [result.changed.stockAt] : [],
    });
  };

  router.get('/inventory', async (_req, res) => {
    res.json(await listInventory(db, keyOf(res)));
  });

  router.post('/inventory', async (req, res) => {
    const result = await addProduct(db, keyOf(res), productInput(jsonBody(req)));
    publish(result);
    res.status(result.answer.status).json(result.answer.body);
  });

  router.put('/inventory/:productId', async (req: Request<{ productId: string }>, res) => {
    const id = parsePathInt('product_id', req.params.productId);
    if (Math.abs(id) > MAX_LEGACY_ID) return void res.status(404).json(NO_SUCH_PRODUCT);
    const result = await updateProduct(db, keyOf(res), id, productInput(jsonBody(req)));
    publish(result);
    res.status(result.answer.status).json(result.answer.body);
  });

  router.delete('/inventory/:productId', async (req: Request<{ productId: string }>, res) => {
    const id = parsePathInt('product_id', req.params.productId);
    if (Math.abs(id) > MAX_LEGACY_ID) return void res.status(404).json(NO_SUCH_PRODUCT);
    const result = await deleteProduct(db, keyOf(res), id);
    publish(result);
    res.status(result.answer.status).json(result.answer.body);
  });
}

/** POST /sale-notification: the prototype's sale, as a sale of the key's branch. */
function saleNotificationRoute(router: Router, { db, bus, logger }: LegacyRouteDeps): void {
  router.post('/sale-notification', async (req, res) => {
    const raw = jsonBody(req);
    const n = parseModel(saleNotificationModel, raw);
    const timestampInput = (raw as Record<string, unknown>).timestamp;
    const key = keyOf(res);
    if (Math.abs(n.product_id) > MAX_LEGACY_ID) return void res.status(404).json(NO_SUCH_PRODUCT);
    const result = await recordSaleNotification(db, key, {
      branchId: n.branch_id,
      productLegacyId: n.product_id,
      quantity: n.quantity_sold,
      timestampText: typeof timestampInput === 'string' ? timestampInput.trim() : String(timestampInput),
      timestamp: n.timestamp,
      salePriceCents: centsOf('sale_price', n.sale_price, (raw as Record<string, unknown>).sale_price, 1),
    });
    if (result.applied) {
      const collections: ChangeEvent['collections'] = ['stock', 'sales'];
      if (result.applied.reconciliationChanged) collections.push('reconciliation');
      bus.publish({
        seq: result.applied.seq,
        collections,
        locationIds: [result.applied.locationId],
        branchIds: [key.branchId],
      });
    } else if (result.answer.status !== 200) {
      logger.warn(
        { legacyKeyId: key.keyId, status: result.answer.status, detail: result.answer.body },
        'legacy sale notification refused',
      );
    }
    res.status(result.answer.status).json(result.answer.body);
  });
}

/**
 * Errors answered here rather than by the app's error middleware, whose log line would carry the
 * URL and so the key; FastAPI answers an unhandled error with a plain 500.
 */
function legacyErrors(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof ValidationFailed) {
      res.status(422).json({ detail: err.detail.map((d) => ({ ...d, input: echoedInput(d.input) })) });
      return;
    }
    if ((err as { type?: string } | null)?.type === 'entity.too.large') {
      res.status(413).json({ detail: 'El cuerpo de la petición es demasiado grande.' });
      return;
    }
    if (err instanceof URIError) {
      res.status(400).json({ detail: 'La dirección tiene un código % mal formado; corrija el enlace.' });
      return;
    }
    logger.error(
      { err, method: req.method, url: `/legacy/<key ${keyOf(res)?.keyId ?? 'unknown'}>${req.path}` },
      'legacy request failed',
    );
    if (!res.headersSent) res.status(500).type('text/plain').send('Internal Server Error');
  };
}
