import type { Request, Response } from 'express';
import { STREAM_EVENTS } from '../../shared/protocol';
import type { ChangeBus, ChangeEvent } from './change-bus';

/** How long a stream gathers changes before it sends them as one `changed` event. */
export const STREAM_COALESCE_MS = 25;

/**
 * Two `changed` payloads of one stream as one: the higher seq, and every array (collections,
 * locations, branches) the union of both. A client re-pulls what either named, so nothing it
 * should hear of is lost; at worst it re-pulls a collection for a location the later change did
 * not touch.
 */
export function mergeChanged(a: unknown, b: unknown): unknown {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const out: Record<string, unknown> = { ...x };
  for (const [key, value] of Object.entries(y)) {
    const mine = out[key];
    if (typeof value === 'number' && typeof mine === 'number') out[key] = Math.max(mine, value);
    else if (Array.isArray(value) && Array.isArray(mine)) out[key] = [...new Set([...mine, ...value])];
    else out[key] = value;
  }
  return out;
}

/**
 * One Server-Sent Events stream of committed changes (SPEC S6): `resync` at once, `changed` with
 * whatever `visible` makes of each bus event (nothing when it returns null), heartbeats so proxies
 * keep it open; it ends when the client goes. Devices and consoles differ only in `visible` and
 * `stillAllowed`, asked at every heartbeat: a device unpaired or a session ended meanwhile (by the
 * CLI, another instance, a sign-out) loses its stream within one heartbeat, and its reconnect gets 401.
 */
export function serveChangeStream(
  req: Request,
  res: Response,
  bus: ChangeBus,
  heartbeatMs: number,
  visible: (event: ChangeEvent) => unknown,
  stillAllowed: () => Promise<boolean>,
): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  send(STREAM_EVENTS.resync, {});
  // Changes heard within STREAM_COALESCE_MS go out as one event (mergeChanged): one socket write
  // per stream instead of one per push, which with hundreds of streams open was most of a busy
  // server's event-loop time (docs/benchmarks.md, issue 14).
  let ended = false;
  let pending: unknown = null;
  let flushTimer: NodeJS.Timeout | null = null;
  const flush = () => {
    flushTimer = null;
    if (pending !== null && !ended) send(STREAM_EVENTS.changed, pending);
    pending = null;
  };
  const unsubscribe = bus.subscribe((event) => {
    const data = visible(event);
    if (data === null) return;
    pending = pending === null ? data : mergeChanged(pending, data);
    flushTimer ??= setTimeout(flush, STREAM_COALESCE_MS);
  });
  const end = () => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    if (flushTimer) clearTimeout(flushTimer);
    unsubscribe();
  };
  const heartbeat = setInterval(() => {
    stillAllowed().then(
      (allowed) => {
        if (ended) return;
        if (allowed) send(STREAM_EVENTS.heartbeat, { at: new Date().toISOString() });
        else {
          end();
          res.end();
        }
      },
      // A database hiccup is not a revocation: keep the stream, ask again next time.
      () => undefined,
    );
  }, heartbeatMs);
  req.on('close', end);
}
