/** The benchmarks' HTTP client side: keep-alive requests, a concurrency pool, percentiles. */
import http from 'node:http';

export const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

export interface Answer {
  status: number;
  text: string;
}

let retries = 0;

/** Connections the server closed while idle, retried once. */
export function connectionRetries(): number {
  return retries;
}

/**
 * One request; a connection the server closed while idle (keep-alive race) is retried once, as
 * the POS's outbox and the prototype's retries would: pushes and notifications are idempotent.
 */
export async function call(...request: Parameters<typeof callOnce>): Promise<Answer> {
  try {
    return await callOnce(...request);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ECONNRESET' && code !== 'EPIPE') throw err;
    retries++;
    return callOnce(...request);
  }
}

/** `method urlPath` against `base`; a body is sent as JSON. */
function callOnce(
  base: string,
  method: string,
  urlPath: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const url = new URL(urlPath, base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        method,
        hostname: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        headers: {
          ...headers,
          ...(body !== undefined
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function pool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i]!, i);
      }
    }),
  );
}
