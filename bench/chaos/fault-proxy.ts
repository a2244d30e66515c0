import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Prng } from './prng';

/** What the proxy can do to one request. */
export const FAULT_KINDS = [
  'dropRequest',
  'dropResponse',
  'delay',
  'duplicate',
  'reorder',
  'reset',
  'streamCut',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface ProxyCounts extends Record<FaultKind, number> {
  requests: number;
  /** Requests that found the server down (killed or restarting): the client saw a broken connection. */
  serverDown: number;
}

/** Every random choice about one request, drawn when it arrives so the draws follow arrival order. */
interface Plan {
  fault: FaultKind | null;
  delayMs: number;
  /** reorder: how many later requests overtake this one (or 3 s pass). */
  overtakenBy: number;
  /** duplicate: the copy goes this long after the original (0: at the same time). */
  copyAfterMs: number;
  /** reset: the connection is cut this long after the request went to the server. */
  resetAfterMs: number;
  /** streamCut: the live stream is cut this long after it opened. */
  cutAfterMs: number;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * An HTTP proxy between the devices and the server that misbehaves on purpose: it drops requests,
 * drops answers after the server committed, delays, duplicates (at once or late, as a replay) and
 * reorders requests, resets connections mid-request, and cuts live streams. `faultRate` is the
 * share of requests that get a fault; 0 lets everything through (the final drain).
 */
export class FaultProxy {
  readonly counts: ProxyCounts = {
    requests: 0,
    serverDown: 0,
    ...(Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>),
  };
  faultRate: number;
  private arrivals = 0;
  private readonly arrived = new Set<() => void>();
  private readonly server: http.Server;
  private readonly open = new Set<import('node:net').Socket>();

  constructor(
    private readonly prng: Prng,
    private readonly upstreamPort: number,
    faultRate: number,
  ) {
    this.faultRate = faultRate;
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.open.add(s);
      s.on('close', () => this.open.delete(s));
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const s of this.open) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private plan(method: string, isStream: boolean): Plan {
    const p = this.prng;
    const faulty = p.chance(this.faultRate);
    let fault: FaultKind | null = null;
    if (faulty && isStream) fault = 'streamCut';
    else if (faulty)
      fault = p.weighted({
        dropRequest: 2,
        dropResponse: method === 'POST' ? 3 : 1,
        delay: 3,
        duplicate: method === 'POST' ? 3 : 0,
        reorder: 2,
        reset: 2,
      });
    return {
      fault,
      delayMs: p.int(50, 2500),
      overtakenBy: p.int(1, 4),
      copyAfterMs: p.chance(0.5) ? 0 : p.int(500, 8000),
      resetAfterMs: p.int(0, 40),
      cutAfterMs: p.int(200, 20_000),
    };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const isStream = req.method === 'GET' && (req.url ?? '').split('?')[0]!.endsWith('/stream');
    const plan = this.plan(req.method ?? 'GET', isStream);
    const arrival = ++this.arrivals;
    this.counts.requests += 1;
    if (plan.fault) this.counts[plan.fault] += 1;
    for (const wake of [...this.arrived]) wake();

    if (isStream) return this.stream(req, res, plan);
    try {
      switch (plan.fault) {
        case 'dropRequest':
          res.socket?.destroy();
          return;
        case 'delay':
          await sleep(plan.delayMs);
          break;
        case 'reorder':
          await this.waitForArrivals(arrival + plan.overtakenBy, 3000);
          break;
        case 'reset': {
          const abort = new AbortController();
          setTimeout(() => {
            abort.abort();
            res.socket?.destroy();
          }, plan.resetAfterMs);
          const answer = await this.forward(req, body, abort.signal).catch(() => null);
          if (answer && !abort.signal.aborted) this.answer(res, answer);
          return;
        }
        case 'duplicate': {
          const copy = sleep(plan.copyAfterMs).then(() => this.forward(req, body).catch(() => undefined));
          const answer = await this.forward(req, body);
          this.answer(res, answer);
          await copy;
          return;
        }
      }
      const answer = await this.forward(req, body);
      // The server has committed and answered; the device never hears of it.
      if (plan.fault === 'dropResponse') res.socket?.destroy();
      else this.answer(res, answer);
    } catch {
      this.counts.serverDown += 1;
      res.socket?.destroy();
    }
  }

  private waitForArrivals(target: number, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.arrived.delete(check);
        resolve();
      };
      const check = () => this.arrivals >= target && done();
      const timer = setTimeout(done, timeoutMs);
      this.arrived.add(check);
      check();
    });
  }

  private forward(req: http.IncomingMessage, body: Buffer, signal?: AbortSignal): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const up = http.request(
        {
          host: '127.0.0.1',
          port: this.upstreamPort,
          method: req.method,
          path: req.url,
          headers: { ...withoutHopByHop(req.headers), 'content-length': String(body.length) },
          signal,
        },
        (upRes) => {
          const chunks: Buffer[] = [];
          upRes.on('data', (c: Buffer) => chunks.push(c));
          upRes.on('end', () =>
            resolve({ status: upRes.statusCode ?? 502, headers: upRes.headers, body: Buffer.concat(chunks) }),
          );
          upRes.on('error', reject);
        },
      );
      up.on('error', reject);
      up.end(body);
    });
  }

  private answer(res: http.ServerResponse, answer: Answer): void {
    if (res.destroyed) return;
    res.writeHead(answer.status, { ...withoutHopByHop(answer.headers), 'content-length': String(answer.body.length) });
    res.end(answer.body);
  }

  private stream(req: http.IncomingMessage, res: http.ServerResponse, plan: Plan): void {
    const up = http.request({
      host: '127.0.0.1',
      port: this.upstreamPort,
      method: 'GET',
      path: req.url,
      headers: withoutHopByHop(req.headers),
    });
    const cut = () => {
      up.destroy();
      res.socket?.destroy();
    };
    up.on('error', () => {
      this.counts.serverDown += 1;
      res.socket?.destroy();
    });
    up.on('response', (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, withoutHopByHop(upRes.headers));
      res.flushHeaders();
      upRes.pipe(res);
      upRes.on('error', cut);
      upRes.on('close', () => res.socket?.destroy());
      if (plan.fault === 'streamCut') setTimeout(cut, plan.cutAfterMs);
    });
    res.on('close', () => up.destroy());
    up.end();
  }
}

function withoutHopByHop(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !HOP_BY_HOP.includes(k)) out[k] = v;
  return out;
}
