import express, { type Request, type RequestHandler } from 'express';

/** The two bytes of a JSON `\u` escape, as UTF-8. */
const ESCAPE = Buffer.from('\\u');

/** Requests whose body text had no `\u` escape (see pushBodyParser). */
const withoutEscapes = new WeakSet<Request>();

/**
 * express.json for device pushes, which also notes whether the body text has any `\u` escape.
 * Without one, no text in the parsed body (keys included) holds U+0000 or half of a surrogate
 * pair: JSON cannot carry either unescaped (a raw control character is a syntax error), and UTF-8
 * decoding never yields a lone surrogate (bytes that are not UTF-8 become U+FFFD). Such a push can
 * skip the walk of every document for them (validate-rows.ts): a POS never sends either, so that
 * walk found nothing in all but hostile pushes, for about 0.1 ms of a push of 50 sales.
 *
 * Only a UTF-8 body is vouched for: in any other UTF the bytes of `\u` are not those two.
 */
export function pushBodyParser(limit: string): RequestHandler {
  return express.json({
    limit,
    verify: (req, _res, body, encoding) => {
      if (/^utf-?8$/i.test(encoding) && !body.includes(ESCAPE)) withoutEscapes.add(req as Request);
    },
  });
}

/** Whether the request's body was read by pushBodyParser and had no `\u` escape. */
export function bodyHadNoEscapes(req: Request): boolean {
  return withoutEscapes.has(req);
}
