import { z } from 'zod';
import { productListQuerySchema, productPageSchema } from '../../shared/console/catalogue';
import { branchEditSchema, branchViewSchema } from '../../shared/console/fleet';
import { productDocSchema } from '../../shared/protocol';
import { branchSettingsPatchSchema } from '../catalogue/branch-settings';
import { branchCreateSchema } from '../catalogue/branches-admin';
import { cashierCreateSchema, cashierPatchSchema } from '../catalogue/cashiers-admin';
import { conflictListQuerySchema } from '../catalogue/conflict-log';
import { productCreateSchema, productPatchSchema } from '../catalogue/console-products';
import { registerOperation } from '../http/openapi';

/** The catalogue console endpoints in GET /api/openapi.json, with the schemas the routes parse with. */
const consoleProduct = productDocSchema.extend({ seq: z.number().int(), updatedAt: z.string() });
const branchView = branchViewSchema;
const cashierSummary = z.object({
  id: z.string(),
  branchId: z.string(),
  name: z.string(),
  role: z.enum(['cashier', 'supervisor']),
  active: z.boolean(),
  updatedAt: z.string(),
});
const conflictEntry = z.object({
  id: z.string(),
  productId: z.string(),
  productName: z.string().nullable(),
  field: z.string(),
  centreValue: z.unknown(),
  deviceValue: z.unknown(),
  baseValue: z.unknown(),
  winner: z.literal('centre'),
  deviceId: z.string(),
  deviceName: z.string().nullable(),
  branchId: z.string(),
  createdAt: z.string(),
  seq: z.number().int(),
});

const common = { tags: ['console', 'catalogue'], auth: 'manager' as const };

registerOperation({
  ...common,
  method: 'get',
  path: '/api/console/products',
  summary: 'Search the master catalogue',
  description:
    'By name then id; `query` matches name, SKU, barcode or category; `category` is exact; `archived` active (default), archived or all; pass nextCursor as cursor for the next page.',
  request: { query: productListQuerySchema },
  responses: {
    200: {
      description: 'A page of products.',
      body: productPageSchema,
    },
  },
});
registerOperation({
  ...common,
  method: 'post',
  path: '/api/console/products',
  summary: 'Create a product (administrators)',
  description:
    'Stamps a server sequence (devices pull it) and the first row of its price history. 409 for a SKU in use.',
  request: { body: productCreateSchema },
  responses: { 201: { description: 'The product.', body: consoleProduct } },
});
registerOperation({
  ...common,
  method: 'patch',
  path: '/api/console/products/:id',
  summary: 'Change fields of a product (administrators)',
  description:
    'baseSeq is the seq the console showed. If the product changed since, the edit is merged per field (DESIGN invariant 6): the console wins fields both changed, and a device value it overrode goes to the conflict log. A price change adds a price-history row.',
  request: { body: productPatchSchema },
  responses: {
    200: {
      description: 'The product now, and the device values this edit overrode.',
      body: z.object({
        product: consoleProduct,
        conflicts: z.array(z.object({ field: z.string(), deviceValue: z.unknown() })),
      }),
    },
  },
});
registerOperation({
  ...common,
  method: 'delete',
  path: '/api/console/products/:id',
  summary: 'Withdraw a product (administrators; soft delete)',
  responses: { 200: { description: 'The product, marked _deleted; devices pull the deletion.', body: consoleProduct } },
});
registerOperation({
  ...common,
  method: 'get',
  path: '/api/console/conflicts',
  summary: 'Conflict log of catalogue edits, newest first',
  description: 'Every device value that lost a field merge to the centre. A branch manager sees their branches only.',
  request: { query: conflictListQuerySchema },
  responses: {
    200: {
      description: 'A page of entries; pass nextCursor as cursor.',
      body: z.object({ items: z.array(conflictEntry), nextCursor: z.number().int().nullable() }),
    },
  },
});
registerOperation({
  ...common,
  method: 'get',
  path: '/api/console/branches',
  summary: 'Branches with their settings',
  description: 'An admin sees every branch, a branch manager theirs.',
  responses: { 200: { description: 'Branches by id.', body: z.object({ branches: z.array(branchView) }) } },
});
registerOperation({
  ...common,
  method: 'post',
  path: '/api/console/branches',
  summary: 'Create a branch with its stock location (administrators)',
  request: { body: branchCreateSchema },
  responses: { 201: { description: 'The branch with default settings.', body: branchView } },
});
registerOperation({
  ...common,
  method: 'patch',
  path: '/api/console/branches/:id/settings',
  summary: 'Change settings of a branch',
  description:
    'Oversell, idle lock, receipt header/footer, and the product fields its devices may edit (default none). Devices of the branch pull them.',
  request: { body: branchSettingsPatchSchema },
  responses: { 200: { description: 'The branch and its settings.', body: branchView } },
});
registerOperation({
  ...common,
  method: 'get',
  path: '/api/console/branches/:id/cashiers',
  summary: 'Cashiers of a branch',
  responses: {
    200: {
      description: 'Cashiers by name (never a PIN or its hash).',
      body: z.object({ cashiers: z.array(cashierSummary) }),
    },
  },
});
registerOperation({
  ...common,
  method: 'post',
  path: '/api/console/branches/:id/cashiers',
  summary: 'Add a cashier with a 4-8 digit PIN',
  description:
    'The PIN is stored as PBKDF2-SHA256 (shared/auth/pin-hash.ts); devices pull the hash and verify offline.',
  request: { body: cashierCreateSchema },
  responses: { 201: { description: 'The cashier.', body: cashierSummary } },
});
registerOperation({
  ...common,
  method: 'patch',
  path: '/api/console/branches/:id/cashiers/:cashierId',
  summary: 'Rename, change role, deactivate or give a new PIN',
  request: { body: cashierPatchSchema },
  responses: { 200: { description: 'The cashier.', body: cashierSummary } },
});
registerOperation({
  ...common,
  method: 'patch',
  path: '/api/console/branches/:id',
  summary: 'Edit a branch: name, currency, time zone, oversell policy, product fields its tablets may edit',
  description:
    "An admin, or a manager of that branch (403 otherwise). The branch's tablets pull the change with their settings.",
  request: { params: z.object({ id: z.string() }), body: branchEditSchema },
  responses: { 200: { description: 'The branch now.', body: branchView }, 404: { description: 'No such branch.' } },
});
