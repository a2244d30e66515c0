import http from 'node:http';
import fc from 'fast-check';
import { sql } from 'kysely';
import { apiErrorBodySchema } from '../../../shared/protocol/api-error';
import { changedTables, fingerprint, refusedItemChanges, type Fingerprint } from './db-fingerprint';
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

async function endedLinks(db: FuzzServer['db']): Promise<number> {
  const rows = (
    await sql<{ n: number | string }>`select count(*) as n from device_links where ended_at is not null`.execute(db)
  ).rows;
  return Number(rows[0]?.n ?? 0);
}

/**
 * A live stream send() cut ends its device link (server/reports/device-links.ts) a moment after
 * the answer: wait for that write, so it lands before the next fingerprint, not in the next request's.
 */
async function streamLinkEnded(db: FuzzServer['db'], endedBefore: number): Promise<void> {
  for (let i = 0; i < 150 && (await endedLinks(db)) <= endedBefore; i++) await new Promise((r) => setTimeout(r, 20));
}

const PUSH_PATH = /^\/api\/sync\/v1\/([a-z]+)\/\d+\/push(?:\?|$)/;

/**
 * The refused_document items a refused push may open, cause key → document id: one for each
 * document the request sent that the server refused (those the detailed answer lists as rejected;
 * a refusal of the whole request, any it sent). Any other request may open none.
 */
export function refusedDocumentItems(r: FuzzRequest, a: FuzzAnswer): Map<string, string> {
  const allowed = new Map<string, string>();
  const collection = PUSH_PATH.exec(r.path)?.[1];
  if (!collection) return allowed;
  let rows: unknown = r.json;
  if (rows === undefined && r.raw !== undefined)
    try {
      rows = JSON.parse(r.raw);
    } catch {
      return allowed;
    }
  if (!Array.isArray(rows)) return allowed;
  const rejected = (a.body as { rejected?: unknown } | null)?.rejected;
  const named =
    a.status < 400 && Array.isArray(rejected) ? new Set(rejected.map((x) => (x as { id?: unknown } | null)?.id)) : null;
  for (const row of rows) {
    const id = (row as { newDocumentState?: { id?: unknown } | null } | null)?.newDocumentState?.id;
    if (typeof id === 'string' && (!named || named.has(id))) allowed.set(`refused_document:${collection}:${id}`, id);
  }
  return allowed;
}

/**
 * What a refusal changed beyond what it may: any table but the logs IGNORED_TABLES names, and in
 * reconciliation_items anything but one new refused_document item per document it refused.
 */
function refusalChanges(r: FuzzRequest, a: FuzzAnswer, before: Fingerprint, after: Fingerprint): string[] {
  const changed = changedTables(before, after);
  const { opened, alteredIds } = refusedItemChanges(before, after);
  const allowed = refusedDocumentItems(r, a);
  const foreign = opened.filter(
    (i) => allowed.get(i.causeKey) === undefined || allowed.get(i.causeKey) !== i.documentId,
  );
  if (alteredIds.length > 0)
    changed.push(`reconciliation_items (refused_document items altered: ${alteredIds.join(', ')})`);
  if (foreign.length > 0)
    changed.push(
      `reconciliation_items (refused_document items for no document this request refused: ${foreign.map((i) => i.causeKey).join(', ')})`,
    );
  return changed;
}

/**
 * The fuzz oracle: no 5xx; a refusal (4xx) answers the one error shape (the seed's `{detail}`
 * under /legacy) and changes no table but the refusal logs and one refused_document item per
 * refused document, which a fingerprint of the database before and after shows; an accepted
 * request moves the baseline, and so does a refusal's own log and items.
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
    const endedBefore = await endedLinks(this.server.db);
    const answer = await send(this.server.url, r);
    if (answer.status === 200 && answer.contentType.includes('text/event-stream'))
      await streamLinkEnded(this.server.db, endedBefore);
    const what = () =>
      `${describeRequest(r)}\n  → ${answer.status} ${answer.contentType} ${excerpt(answer.text)}` +
      `\n  server log: ${this.server.takeErrorLog().join('\n  ') || '(nothing)'}`;
    if (answer.status >= 500) throw new Error(`5xx on ${this.server.kind}: ${what()}`);
    if (answer.status < 400 && refusedIf(answer)) {
      this.refused += 1;
      const after = await fingerprint(this.server.db);
      const changed = refusalChanges(r, answer, this.baseline, after);
      this.baseline = after;
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
    const changed = refusalChanges(r, answer, this.baseline, after);
    this.baseline = after;
    if (changed.length > 0) throw new Error(`a refused request changed ${changed.join(', ')}: ${what()}`);
    return answer;
  }
}

/** FUZZ_SEED from the environment, or a new one; fast-check prints it with any failure. */
export const FUZZ_SEED = process.env.FUZZ_SEED
  ? Number(process.env.FUZZ_SEED)
  : (Date.now() ^ (Math.random() * 2 ** 31)) | 0;
