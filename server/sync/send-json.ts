import type { Response } from 'express';

/**
 * A 200 with a JSON body, written as the string it is. Express's res.json copies the text into a
 * Buffer and hashes it for an ETag first: for a page of ~500 stock levels that was a quarter of a
 * pull's cost while tablets reconnect (docs/benchmarks.md, issue 14), and no client revalidates a
 * pull or a push (each names its checkpoint or carries new documents).
 */
export function sendJson(res: Response, value: unknown): void {
  if (value instanceof JsonParts) return sendJsonParts(res, value.head, value.tail);
  const body = JSON.stringify(value);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

/**
 * An answer already serialised, in two parts: `head`, bytes shared by many answers (a stock page read
 * once for a branch's tablets), then `tail`, this answer's own end. `T` is the value its JSON stands for.
 */
export class JsonParts<T = unknown> {
  declare readonly value?: T;
  constructor(
    readonly head: Buffer,
    readonly tail: string,
  ) {}
}

function sendJsonParts(res: Response, head: Buffer, tail: string): void {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', head.length + Buffer.byteLength(tail));
  // One socket write with the headers, as res.end(body) makes.
  res.cork();
  res.write(head);
  res.end(tail);
  res.uncork();
}
