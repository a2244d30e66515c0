import { createParser } from 'eventsource-parser';
import { Subject } from 'rxjs';
import {
  STREAM_EVENTS,
  STREAM_HEARTBEAT_HEADER,
  STREAM_SILENT_HEARTBEATS,
  streamChangedSchema,
  SYNC_STREAM_PATH,
  type StreamChanged,
} from '../../shared/protocol';
import type { DeviceApi } from './api-client';
import { abortable, DEFAULT_SYNC_TIMEOUTS, RequestTimeoutError, type SyncTimeouts } from './request-deadline';

export type LiveSignal = { type: 'resync' } | { type: 'changed'; change: StreamChanged };

/**
 * The device's one live stream (SSE over fetch, so the token goes in a header, not the URL).
 * Reconnects with capped exponential backoff (SPEC S6), at once after reconnectNow(); every
 * (re)connect starts with a `resync` from the server. A watchdog reopens it when the server's
 * answer does not come within `streamConnectMs`, or when nothing at all (event or heartbeat)
 * arrives for STREAM_SILENT_HEARTBEATS of the heartbeat periods the server announces: a connection
 * that died half-open never ends by itself, and the device would never hear of a change again.
 */
export class LiveStream {
  readonly signals$ = new Subject<LiveSignal>();
  readonly connected$ = new Subject<boolean>();
  private abort: AbortController | null = null;
  private stopped = false;
  private attempt = 0;
  /** Set by reconnectNow: the next connect goes at once, whether the loop is connected, connecting or waiting. */
  private skipWait = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly api: DeviceApi,
    private readonly maxBackoffMs = 15_000,
    private readonly timeouts: Pick<
      SyncTimeouts,
      'streamConnectMs' | 'streamSilenceUnannouncedMs'
    > = DEFAULT_SYNC_TIMEOUTS,
  ) {}

  start(): void {
    this.stopped = false;
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
    this.abort?.abort();
    this.wake?.();
  }

  /** Reconnect now, skipping the backoff wait (the browser says the network is back, or "sync now"). */
  reconnectNow(): void {
    this.attempt = 0;
    this.skipWait = true;
    this.abort?.abort();
    this.wake?.();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      this.skipWait = false;
      const abort = new AbortController();
      this.abort = abort;
      let watchdog: ReturnType<typeof setTimeout> | undefined;
      const deadIn = (ms: number) => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => abort.abort(new RequestTimeoutError('live stream', ms)), ms);
      };
      try {
        deadIn(this.timeouts.streamConnectMs);
        const res = await abortable(
          this.api.fetch(`${this.api.baseUrl}${SYNC_STREAM_PATH}`, {
            headers: { authorization: `Bearer ${this.api.token}`, accept: 'text/event-stream' },
            signal: abort.signal,
            cache: 'no-store',
          }),
          abort.signal,
        );
        if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
        const heartbeatMs = Number(res.headers.get(STREAM_HEARTBEAT_HEADER));
        const silenceMs =
          heartbeatMs > 0 ? heartbeatMs * STREAM_SILENT_HEARTBEATS : this.timeouts.streamSilenceUnannouncedMs;
        this.attempt = 0;
        this.connected$.next(true);
        const parser = createParser({
          onEvent: (event) => {
            if (event.event === STREAM_EVENTS.resync) this.signals$.next({ type: 'resync' });
            else if (event.event === STREAM_EVENTS.changed) {
              const parsed = streamChangedSchema.safeParse(JSON.parse(event.data));
              if (parsed.success) this.signals$.next({ type: 'changed', change: parsed.data });
            }
          },
        });
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        // Ends the read below even if the body does not heed the abort.
        abort.signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined), { once: true });
        deadIn(silenceMs);
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          deadIn(silenceMs);
          parser.feed(value);
        }
      } catch {
        // Network down, aborted or silent too long: fall through to the backoff.
      } finally {
        clearTimeout(watchdog);
      }
      this.connected$.next(false);
      if (this.stopped) break;
      if (this.skipWait) continue;
      this.attempt += 1;
      const wait = Math.min(this.maxBackoffMs, 500 * 2 ** Math.min(this.attempt, 6));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }
}
