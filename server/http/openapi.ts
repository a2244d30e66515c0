import { z } from 'zod';
import { apiErrorBodySchema } from '../../shared/protocol/api-error';
import { SERVER_VERSION } from '../version';

type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** Who may call: a paired device (bearer token), a signed-in manager (cookie + CSRF header), anyone. */
export type OperationAuth = 'device' | 'manager' | 'none';

export interface OperationSpec {
  method: HttpMethod;
  /** Express-style path: `/api/console/devices/:id/revoke` is published as `/api/console/devices/{id}/revoke`. */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  /** Default 'none'. */
  auth?: OperationAuth;
  request?: { body?: z.ZodType; query?: z.ZodType; params?: z.ZodType };
  responses: Record<number, { description: string; body?: z.ZodType; contentType?: string }>;
}

const operations = new Map<string, OperationSpec>();

/**
 * Adds one endpoint to GET /api/openapi.json. Call it at module level in the file that defines
 * the route, with the same zod schemas the route parses with, so the document cannot drift.
 * Registering the same method and path again replaces the earlier entry.
 */
export function registerOperation(op: OperationSpec): void {
  operations.set(`${op.method} ${op.path}`, op);
}

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as JsonSchema;
  return rest;
}

function objectParameters(schema: z.ZodType, where: 'query' | 'path'): JsonSchema[] {
  const s = jsonSchema(schema, 'input');
  const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((s.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, prop]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    ...(typeof prop.description === 'string' ? { description: prop.description } : {}),
    schema: prop,
  }));
}

const SECURITY: Record<OperationAuth, JsonSchema[]> = {
  device: [{ deviceToken: [] }],
  manager: [{ managerSession: [], csrfToken: [] }],
  none: [],
};

function operationObject(op: OperationSpec): JsonSchema {
  const pathParams = [...op.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
  const parameters: JsonSchema[] = [];
  if (op.request?.params) parameters.push(...objectParameters(op.request.params, 'path'));
  else parameters.push(...pathParams.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })));
  if (op.request?.query) parameters.push(...objectParameters(op.request.query, 'query'));
  const responses: JsonSchema = {};
  for (const [status, r] of Object.entries(op.responses)) {
    responses[status] = {
      description: r.description,
      ...(r.body
        ? { content: { [r.contentType ?? 'application/json']: { schema: jsonSchema(r.body, 'output') } } }
        : {}),
    };
  }
  responses.default = {
    description: 'Refused or failed: a code and a message a person can act on.',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
  };
  const auth = op.auth ?? 'none';
  return {
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: op.tags,
    operationId: `${op.method}${op.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    ...(parameters.length ? { parameters } : {}),
    ...(op.request?.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(op.request.body, 'input') } },
          },
        }
      : {}),
    responses,
    security: SECURITY[auth],
  };
}

/** The OpenAPI 3.1 document of every registered operation, built from their zod schemas. */
export function buildOpenApiDocument(): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const sorted = [...operations.values()].sort(
    (a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method),
  );
  for (const op of sorted) {
    const p = op.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    (paths[p] ??= {})[op.method] = operationObject(op);
  }
  const tags = [...new Set(sorted.flatMap((op) => op.tags))].sort().map((name) => ({ name }));
  return {
    openapi: '3.1.0',
    info: {
      title: 'EcoMarket central server',
      version: SERVER_VERSION,
      description:
        'Device API (pairing, replication, status) and manager console API. Every error answers `{ error: { code, message, details? } }`. ' +
        'Console calls that change something need the `x-csrf-token` header from the sign-in answer.',
    },
    servers: [{ url: '/' }],
    tags,
    paths,
    components: {
      schemas: { ApiError: jsonSchema(apiErrorBodySchema, 'output') },
      securitySchemes: {
        deviceToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'The token a device received when it paired (POST /api/devices/pair).',
        },
        managerSession: {
          type: 'apiKey',
          in: 'cookie',
          name: 'ecomarket_session',
          description: 'Set by POST /api/console/session.',
        },
        csrfToken: {
          type: 'apiKey',
          in: 'header',
          name: 'x-csrf-token',
          description: 'csrfToken from the sign-in answer; needed on POST, PUT, PATCH and DELETE.',
        },
      },
    },
  };
}
