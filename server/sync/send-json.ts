import type { Response } from 'express';

/**
 * A 200 with a JSON body, written as the string it is. Express's res.json copies the text into a
 * Buffer and hashes it for an ETag first: for a page of ~500 stock levels that was a quarter of a
 * pull's cost while tablets reconnect (docs/benchmarks.md, issue 14), and no client revalidates a
 * pull or a push (each names its checkpoint or carries new documents).
 */
export function sendJson(res: Response, value: unknown): void {
  const body = JSON.stringify(value);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}
