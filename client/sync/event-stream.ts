import { createParser } from 'eventsource-parser';
import { Subject } from 'rxjs';
import { STREAM_EVENTS, streamChangedSchema, SYNC_STREAM_PATH, type StreamChanged } from '../../shared/protocol';
import type { DeviceApi } from './api-client';

export type LiveSignal = { type: 'resync' } | { type: 'changed'; change: StreamChanged };

/**
 * The device's one live stream (SSE over fetch, so the token goes in a header, not the URL).
 * Reconnects with capped exponential backoff (SPEC S6), at once after reconnectNow(); every
 * (re)connect starts with a `resync` from the server.
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
      this.abort = new AbortController();
      try {
        const res = await this.api.fetch(`${this.api.baseUrl}${SYNC_STREAM_PATH}`, {
          headers: { authorization: `Bearer ${this.api.token}`, accept: 'text/event-stream' },
          signal: this.abort.signal,
          cache: 'no-store',
        });
        if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
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
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          parser.feed(value);
        }
      } catch {
        // Network down or aborted: fall through to the backoff.
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
