import http from 'node:http';
import fc from 'fast-check';
import { apiErrorBodySchema } from '../../../shared/protocol/api-error';
import { changedTables, fingerprint, type Fingerprint } from './db-fingerprint';
import type { FuzzServer } from './fuzz-server';

export interface FuzzRequest {
  method: string;
  /** Sent byte for byte: `..`, `%FF` and the like reach the server as written. */
  path: string;
  headers?: Record<string, string>;
  /** Serialised with JSON.stringify (lone surrogates become \udXXX escapes, NUL \u0000). */
  json?: unknown;
  /** Sent as is, as application/json unless headers say otherwise. */
  raw?: string;
}

export interface FuzzAnswer {
  status: number;
  contentType: string;
  text: string;
  body: unknown;
}

/** One request over real HTTP; a live stream is cut as soon as its headers arrive. */
export function send(baseUrl: string, r: FuzzRequest): Promise<FuzzAnswer> {
  const url = new URL(baseUrl);
  const body = r.json !== undefined ? JSON.stringify(r.json) : r.raw;
  const headers: Record<string, string> = { ...r.headers };
  if (body !== undefined) {
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method: r.method, path: r.path, headers, timeout: 15_000 },
      (res) => {
        const contentType = String(res.headers['content-type'] ?? '');
        if (contentType.includes('text/event-stream')) {
          res.destroy();
          return resolve({ status: res.statusCode ?? 0, contentType, text: '', body: null });
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let parsed: unknown = text;
          if (contentType.includes('json'))
            try {
              parsed = JSON.parse(text);
            } catch {
              parsed = text;
            }
          resolve({ status: res.statusCode ?? 0, contentType, text, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer in 15 s to ${r.method} ${r.path}`)));
    req.on('error', reject);
    req.end(body);
  });
}

const excerpt = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

export function describeRequest(r: FuzzRequest): string {
  const body = r.json !== undefined ? JSON.stringify(r.json) : r.raw;
  return `${r.method} ${excerpt(r.path, 200)}${body !== undefined ? ` body ${excerpt(body)}` : ''}`;
}

/** The request as fast-check prints a counterexample: short, without the credentials. */
export function printable<R extends FuzzRequest>(r: R): R {
  return Object.defineProperty(r, fc.toStringMethod, { value: () => describeRequest(r), enumerable: false });
}

/** The seed's FastAPI error shape under /legacy: `{detail: "…"}` or FastAPI's list of validation errors. */
function isLegacyErrorShape(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || !('detail' in body)) return false;
  const detail = (body as { detail: unknown }).detail;
  return (typeof detail === 'string' && detail.length > 0) || (Array.isArray(detail) && detail.length > 0);
}

/**
 * The fuzz oracle: no 5xx; a refusal (4xx) answers the one error shape (the seed's `{detail}`
 * under /legacy) and changes no table, which a fingerprint of the database before and after
 * shows; an accepted request moves the baseline.
 */
export class RefusalChecker {
  private baseline: Fingerprint | null = null;
  refused = 0;
  accepted = 0;

  /** `excused` lets through a refusal's shape for an open defect the suite names (never a 5xx or a change). */
  constructor(
    private readonly server: FuzzServer,
    private readonly excused: (r: FuzzRequest, a: FuzzAnswer) => boolean = () => false,
  ) {}

  /** `refusedIf` names answers below 400 that are refusals all the same (a push that acknowledged nothing). */
  async check(r: FuzzRequest, refusedIf: (a: FuzzAnswer) => boolean = () => false): Promise<FuzzAnswer> {
    this.baseline ??= await fingerprint(this.server.db);
    this.server.takeErrorLog();
    const answer = await send(this.server.url, r);
    const what = () =>
      `${describeRequest(r)}\n  → ${answer.status} ${answer.contentType} ${excerpt(answer.text)}` +
      `\n  server log: ${this.server.takeErrorLog().join('\n  ') || '(nothing)'}`;
    if (answer.status >= 500) throw new Error(`5xx on ${this.server.kind}: ${what()}`);
    if (answer.status < 400 && refusedIf(answer)) {
      this.refused += 1;
      const changed = changedTables(this.baseline, await fingerprint(this.server.db));
      if (changed.length > 0) throw new Error(`a refused document changed ${changed.join(', ')}: ${what()}`);
      return answer;
    }
    if (answer.status < 400) {
      this.accepted += 1;
      this.baseline = await fingerprint(this.server.db);
      return answer;
    }
    this.refused += 1;
    const legacy = r.path.startsWith('/legacy/');
    const shaped =
      (legacy ? isLegacyErrorShape(answer.body) : apiErrorBodySchema.safeParse(answer.body).success) ||
      this.excused(r, answer);
    if (!shaped) throw new Error(`refusal not in the ${legacy ? '{detail}' : 'one error'} shape: ${what()}`);
    const after = await fingerprint(this.server.db);
    const changed = changedTables(this.baseline, after);
    this.baseline = after;
    if (changed.length > 0) throw new Error(`a refused request changed ${changed.join(', ')}: ${what()}`);
    return answer;
  }
}

/** FUZZ_SEED from the environment, or a new one; fast-check prints it with any failure. */
export const FUZZ_SEED = process.env.FUZZ_SEED
  ? Number(process.env.FUZZ_SEED)
  : (Date.now() ^ (Math.random() * 2 ** 31)) | 0;
