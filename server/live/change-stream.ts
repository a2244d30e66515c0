import type { Request, Response } from 'express';
import { STREAM_EVENTS, STREAM_HEARTBEAT_HEADER } from '../../shared/protocol';
import type { ChangeBus, ChangeEvent } from './change-bus';

/** The shortest time streams gather changes before they send them as one `changed` event. */
export const STREAM_COALESCE_MS = 25;
/** The longest: a device or a console hears of a change at most this late (well within a second). */
export const STREAM_COALESCE_MAX_MS = 500;
/**
 * Socket writes a second that the `changed` events of all open streams may take together: the
 * gathering window grows with the number of streams open (1 ms a stream), between the two bounds above.
 */
export const STREAM_WRITES_PER_SECOND = 1000;

/** How long changes are gathered when `streams` streams are open. */
export function coalesceWindowMs(streams: number): number {
  const spread = (streams * 1000) / STREAM_WRITES_PER_SECOND;
  return Math.min(STREAM_COALESCE_MAX_MS, Math.max(STREAM_COALESCE_MS, spread));
}

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

const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** One open stream as the fan-out sees it. */
interface Listener {
  visible(event: ChangeEvent): unknown;
  /** Streams with the same key see the same payloads (visible gives the same for every event): made once for all. */
  shareKey: string | undefined;
  write(text: string): void;
}

/**
 * The `changed` events of every stream of one bus, sent together: the bus's events of a window
 * (coalesceWindowMs) are gathered once, each stream's payload is their merge (mergeChanged) through
 * its `visible`, made and serialised once per share key, and written in one socket write per
 * stream. With hundreds of tablets connected, a write per stream per push was most of a busy
 * server's event loop (docs/benchmarks.md, issue 14).
 */
export class StreamFanOut {
  private readonly listeners = new Set<Listener>();
  private pending: ChangeEvent[] = [];
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly bus: ChangeBus) {}

  add(listener: Listener): () => void {
    this.listeners.add(listener);
    this.unsubscribe ??= this.bus.subscribe((event) => {
      this.pending.push(event);
      this.timer ??= setTimeout(() => this.flush(), coalesceWindowMs(this.listeners.size));
    });
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size > 0) return;
      this.unsubscribe?.();
      this.unsubscribe = null;
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.pending = [];
    };
  }

  private flush(): void {
    const events = this.pending;
    this.pending = [];
    this.timer = null;
    const shared = new Map<string, string | null>();
    for (const listener of this.listeners) {
      const key = listener.shareKey;
      let text = key === undefined ? undefined : shared.get(key);
      if (text === undefined) {
        text = payloadText(listener, events);
        if (key !== undefined) shared.set(key, text);
      }
      if (text !== null) listener.write(text);
    }
  }
}

/** A stream's `changed` event for the events of a window, ready to write (null: none concerns it). */
function payloadText(listener: Listener, events: readonly ChangeEvent[]): string | null {
  let merged: unknown = null;
  for (const event of events) {
    const data = listener.visible(event);
    if (data !== null) merged = merged === null ? data : mergeChanged(merged, data);
  }
  return merged === null ? null : frame(STREAM_EVENTS.changed, merged);
}

const fanOuts = new WeakMap<ChangeBus, StreamFanOut>();

function fanOutOf(bus: ChangeBus): StreamFanOut {
  let fanOut = fanOuts.get(bus);
  if (!fanOut) {
    fanOut = new StreamFanOut(bus);
    fanOuts.set(bus, fanOut);
  }
  return fanOut;
}

/**
 * One Server-Sent Events stream of committed changes (SPEC S6): `resync` at once, `changed` with
 * whatever `visible` makes of the bus events of a window (nothing when it returns null; StreamFanOut),
 * heartbeats so proxies keep it open; it ends when the client goes. Devices and consoles differ
 * only in `visible` and `stillAllowed`, asked at every heartbeat: a device unpaired or a session
 * ended meanwhile (by the CLI, another instance, a sign-out) loses its stream within one heartbeat,
 * and its reconnect gets 401. Streams with the same `shareKey` must have the same `visible`.
 */
export function serveChangeStream(
  req: Request,
  res: Response,
  bus: ChangeBus,
  heartbeatMs: number,
  visible: (event: ChangeEvent) => unknown,
  stillAllowed: () => Promise<boolean>,
  shareKey?: string,
): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  // The client reopens a stream that stays silent for a few of these periods (a dead connection).
  res.setHeader(STREAM_HEARTBEAT_HEADER, String(heartbeatMs));
  // The headers go out with the first event, in one write.
  res.write(frame(STREAM_EVENTS.resync, {}));
  let ended = false;
  const remove = fanOutOf(bus).add({ visible, shareKey, write: (text) => res.write(text) });
  const end = () => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    remove();
  };
  const heartbeat = setInterval(() => {
    stillAllowed().then(
      (allowed) => {
        if (ended) return;
        if (allowed) res.write(frame(STREAM_EVENTS.heartbeat, { at: new Date().toISOString() }));
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
