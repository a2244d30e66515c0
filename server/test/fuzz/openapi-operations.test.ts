import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRANCH_ID } from '../../db/seed-demo';
import { buildOpenApiDocument } from '../../http/openapi';
import { reachableTestDatabases } from '../databases';
import '../../app';
import { arbitraryFor, type JsonSchema } from './json-schema-arbitrary';
import { type FuzzServer, startFuzzServer } from './fuzz-server';
import { badPathParam, mutatedBody, mutatedQuery, queryString, type FuzzBody } from './mutations';
import { FUZZ_SEED, printable, RefusalChecker, type FuzzRequest } from './refusal-check';

/**
 * Issue 9, proof part 1: every operation of the OpenAPI document, with generated bad input (its
 * own zod schemas through z.toJSONSchema, then one mistake in them, or no JSON at all) and the
 * credentials it needs, never answers 5xx, refuses in the one error shape, and a refusal changes
 * no table. FUZZ_SEED repeats a run; FUZZ_RUNS sets the cases per operation.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 8);

interface Operation {
  method: string;
  path: string;
  auth: 'device' | 'manager' | 'none';
  params: string[];
  query?: JsonSchema;
  body?: JsonSchema;
}

function operations(): Operation[] {
  const doc = buildOpenApiDocument() as {
    paths: Record<string, Record<string, Record<string, unknown>>>;
  };
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(methods)) {
      const parameters = (op.parameters ?? []) as { name: string; in: string; schema: JsonSchema; required: boolean }[];
      const queryParams = parameters.filter((p) => p.in === 'query');
      const security = (op.security as Record<string, unknown>[] | undefined)?.[0] ?? {};
      const body = (op.requestBody as { content: Record<string, { schema: JsonSchema }> } | undefined)?.content[
        'application/json'
      ]?.schema;
      out.push({
        method: method.toUpperCase(),
        path,
        auth: 'deviceToken' in security ? 'device' : 'managerSession' in security ? 'manager' : 'none',
        params: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        ...(queryParams.length
          ? {
              query: {
                type: 'object',
                properties: Object.fromEntries(queryParams.map((p) => [p.name, p.schema])),
                required: queryParams.filter((p) => p.required).map((p) => p.name),
              },
            }
          : {}),
        ...(body ? { body } : {}),
      });
    }
  // Signing out ends the session the other cases use: last.
  return out.sort(
    (a, b) =>
      Number(a.path === '/api/console/session' && a.method === 'DELETE') -
      Number(b.path === '/api/console/session' && b.method === 'DELETE'),
  );
}

/**
 * An operation whose accepted call destroys something the suite stands on (revoking its device,
 * withdrawing a product) gets only bad ids, never real ones.
 */
const destructive = (op: Operation) => op.method === 'DELETE' || op.path.endsWith('/revoke');

/** A real id for a path parameter, so the request gets past "not found" to the input it carries. */
function knownParam(server: FuzzServer, op: Operation, name: string): string {
  if (name === 'collection') return 'products';
  if (name === 'version') return '0';
  if (name === 'id' && op.path.includes('/branches/')) return DEMO_BRANCH_ID;
  if (name === 'id' && op.path.includes('/products/')) return server.products[0]!.id;
  if (name === 'id' && op.path.includes('/devices/')) return server.device.deviceId;
  return uuidv7();
}

function credentials(server: FuzzServer, op: Operation): Record<string, string> {
  if (op.auth === 'device') return { authorization: `Bearer ${server.device.token}` };
  if (op.auth === 'manager') return server.managerHeaders;
  return {};
}

type Part = 'params' | 'query' | 'body';

function caseFor(server: FuzzServer, op: Operation): fc.Arbitrary<FuzzRequest> {
  const parts: Part[] = ['query', 'body', ...(op.params.length ? (['params'] as const) : [])];
  const validQuery = op.query
    ? (arbitraryFor(op.query) as fc.Arbitrary<Record<string, unknown>>)
    : fc.constant<Record<string, unknown>>({});
  const validBody = op.body ? arbitraryFor(op.body) : fc.constant({});
  return fc.constantFrom(...parts).chain((part) =>
    fc
      .record({
        params: fc.tuple(
          ...op.params.map((name) =>
            part === 'params' || destructive(op) ? badPathParam : fc.constant(knownParam(server, op, name)),
          ),
        ),
        query:
          part === 'query'
            ? validQuery.chain(mutatedQuery)
            : validQuery.map((q) => queryString(Object.entries(q).map(([k, v]) => [k, encodeURIComponent(String(v))]))),
        body: part === 'body' ? mutatedBody(validBody) : validBody.map((json): FuzzBody => ({ json })),
      })
      .map(({ params, query, body }) => {
        let path = op.path;
        op.params.forEach((name, i) => (path = path.replace(`{${name}}`, params[i]!)));
        const withBody = op.body !== undefined || part === 'body';
        return printable({
          method: op.method,
          path: path + query,
          headers: credentials(server, op),
          ...(withBody ? body : {}),
        });
      }),
  );
}

describe.each(reachableTestDatabases)('fuzz: every OpenAPI operation on $label', (database) => {
  let server: FuzzServer;
  let checker: RefusalChecker;

  beforeAll(async () => {
    server = await startFuzzServer(database);
    checker = new RefusalChecker(server);
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  for (const op of operations()) {
    it(`${op.method} ${op.path}: no 5xx, one error shape, a refusal changes nothing`, async () => {
      const statuses: number[] = [];
      await fc.assert(
        fc.asyncProperty(caseFor(server, op), async (request) => {
          statuses.push((await checker.check(request)).status);
        }),
        { seed: FUZZ_SEED, numRuns: RUNS, endOnFailure: true },
      );
      // The cases reached the route with valid credentials: none was turned away at the door.
      if (op.auth !== 'none') expect(statuses.filter((s) => s === 401)).toEqual([]);
    }, 60_000);
  }
});
