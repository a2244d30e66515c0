import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, Response } from 'express';
import { securityHeaders } from '../http/security-headers';
import { resolveLegacyKey } from './legacy-keys';
import { answerSaleNotification, type SaleNotificationDeps } from './sale-notification';

/** The prototype's one call per sale, exactly as it makes it; any other spelling takes the routed way. */
const SALE_PATH = /^\/legacy\/([A-Za-z0-9_-]{20,100})\/sale-notification$/;
/** express.text's limit in legacy-routes.ts ('64kb'): a longer body takes the routed way, which answers 413. */
const BODY_LIMIT = 64 * 1024;
const UTF8_CHARSET = /;\s*charset\s*=\s*("?)utf-?8\1\s*(;|$)/i;

/**
 * Whether the body is one the routed way would read as plain UTF-8 text (express.text): its length
 * declared and within the limit, not compressed, no other charset. Decided on the headers alone,
 * so that anything else can still go the routed way with its body unread.
 */
function plainBody(req: IncomingMessage): boolean {
  const { headers } = req;
  const length = headers['content-length'];
  if (length === undefined || headers['transfer-encoding'] !== undefined || !/^\d{1,6}$/.test(length)) return false;
  if (Number(length) > BODY_LIMIT) return false;
  const encoding = headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return false;
  const type = headers['content-type'];
  return type === undefined || !/charset/i.test(type) || UTF8_CHARSET.test(type);
}

/** The body as text, as body-parser decodes it (UTF-8, a byte-order mark dropped); nothing if the client goes away. */
function readBody(req: IncomingMessage, done: (text: string) => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8');
    done(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  });
}

/** The headers helmet sets on every answer (security-headers.ts), in its order, taken from it once. */
function securityHeaderList(): string[] {
  const list: string[] = [];
  const recorder = {
    setHeader: (name: string, value: string) => void list.push(name, value),
    removeHeader: () => {},
  };
  let done = false;
  securityHeaders()({} as Request, recorder as unknown as Response, () => void (done = true));
  if (!done) throw new Error('the security headers middleware did not finish at once');
  return list;
}

/**
 * The answer as express's res.json / res.send would write it after helmet: the same headers
 * (legacy-api.test.ts compares them with the routed way's), written at once.
 */
function writeAnswer(res: ServerResponse, security: string[], status: number, type: string, text: string): void {
  const body = Buffer.from(text, 'utf8');
  // express's default weak ETag (the etag package): length and SHA-1 of the body.
  const etag = `W/"${body.length.toString(16)}-${createHash('sha1').update(body).digest('base64').slice(0, 27)}"`;
  res.writeHead(status, [...security, 'Content-Type', type, 'Content-Length', String(body.length), 'ETag', etag]);
  res.end(body);
}

/**
 * POST /legacy/<key>/sale-notification before express (app.ts): the seed's prototype sends one
 * request per sale, and the routed way (express's request setup, helmet, the address guards, the
 * router through every mount, body-parser, res.json) cost more CPU than the sale itself. Answers, status codes
 * and headers are the routed way's; a request it would answer otherwise (a body to decompress or
 * too long, another spelling of the path) goes on to it untouched. A wrong key is known only once
 * the body was read: it goes on too, and the router answers it as an unknown URL without reading a
 * body (legacy-routes.ts checks the key first; the fast-path suite covers it).
 */
export function legacySaleFastPath(
  deps: SaleNotificationDeps,
): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const security = securityHeaderList();
  const failed = (err: unknown, key: string, res: ServerResponse) => {
    void answerFailure(deps, err, key).then(() => {
      if (!res.headersSent) writeAnswer(res, security, 500, 'text/plain; charset=utf-8', 'Internal Server Error');
    });
  };
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    if (req.method !== 'POST' || !req.url?.startsWith('/legacy/')) return next();
    const key = SALE_PATH.exec(req.url)?.[1];
    if (key === undefined || !plainBody(req)) return next();
    readBody(req, (text) => {
      answerSaleNotification(deps, key, text).then(
        (answer) => {
          if (!answer) return next();
          writeAnswer(res, security, answer.status, 'application/json; charset=utf-8', JSON.stringify(answer.body));
        },
        (err: unknown) => failed(err, key, res),
      );
    });
  };
}

/** Logged as legacy-routes.ts logs a failure: the key's id, never the key (it is in the URL). */
async function answerFailure({ db, logger }: SaleNotificationDeps, err: unknown, key: string): Promise<void> {
  const keyId = await resolveLegacyKey(db, key).then(
    (k) => k?.keyId,
    () => undefined,
  );
  logger.error(
    { err, method: 'POST', url: `/legacy/<key ${keyId ?? 'unknown'}>/sale-notification` },
    'legacy request failed',
  );
}
