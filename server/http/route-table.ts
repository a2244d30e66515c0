import express, { type Request, type RequestHandler, type Router } from 'express';
import { z } from 'zod';
import { parseOrThrow } from './api-error';
import { registerOperation, type OperationAuth, type OperationSpec } from './openapi';

/** The `:id` of a path: an id as the server makes them. */
export const idParams = z.object({ id: z.string().min(1).max(64) });

type Schema = z.ZodType | undefined;
type Parsed<S extends Schema> = S extends z.ZodType ? z.infer<S> : undefined;

/** One endpoint: its OpenAPI entry and what its handler parses, from the same schemas. */
export interface RouteSpec<P extends Schema, B extends Schema, Q extends Schema> extends Omit<
  OperationSpec,
  'tags' | 'auth' | 'request'
> {
  /** Names the thing in a 400's message: "The {what} is not valid: …". */
  what: string;
  request?: { params?: P; body?: B; query?: Q };
  /** Largest JSON body (default: the table's). */
  bodyLimit?: string;
}

export interface RouteInput<P extends Schema, B extends Schema, Q extends Schema> {
  params: Parsed<P>;
  body: Parsed<B>;
  query: Parsed<Q>;
  req: Request;
}

/** The answer's status: the spec's first 2xx response (200 when none is listed); 204 sends no body. */
function successStatus(responses: OperationSpec['responses']): number {
  return Number(Object.keys(responses).find((s) => Number(s) >= 200 && Number(s) < 300) ?? 200);
}

/**
 * Routes of one router under `prefix`: each `route()` documents itself for /api/openapi.json, runs its guards
 * (who may call, before the body is read), parses params, query and body or answers 400, and sends what the
 * handler returns with the spec's success status.
 */
export function routeTable(
  router: Router,
  table: { prefix: string; tags: string[]; auth: OperationAuth; bodyLimit?: string },
) {
  return function route<P extends Schema = undefined, B extends Schema = undefined, Q extends Schema = undefined>(
    spec: RouteSpec<P, B, Q>,
    guards: RequestHandler[],
    handle: (input: RouteInput<P, B, Q>) => Promise<unknown>,
  ): void {
    const { what, bodyLimit, request, ...operation } = spec;
    registerOperation({
      ...operation,
      path: table.prefix + spec.path,
      tags: table.tags,
      auth: table.auth,
      ...(request ? { request } : {}),
    });
    const status = successStatus(spec.responses);
    const body = request?.body ? [express.json({ limit: bodyLimit ?? table.bodyLimit ?? '64kb' })] : [];
    router[spec.method](spec.path, ...guards, ...body, async (req, res) => {
      const parse = <S extends Schema>(schema: S, value: unknown) =>
        (schema ? parseOrThrow(schema, value, what) : undefined) as Parsed<S>;
      const answer = await handle({
        params: parse(request?.params as P, req.params),
        query: parse(request?.query as Q, req.query),
        body: parse(request?.body as B, req.body),
        req,
      });
      if (status === 204) res.status(204).end();
      else res.status(status).json(answer);
    });
  };
}
