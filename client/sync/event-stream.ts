import { createParser } from 'eventsource-parser';
import { Subject } from 'rxjs';
import { STREAM_EVENTS, streamChangedSchema, SYNC_STREAM_PATH, type StreamChanged } from '../../shared/protocol';
import type { DeviceApi } from './api-client';

export type LiveSignal = { type: 'resync' } | { type: 'changed'; change: StreamChanged };

/**
 * The device's one live stream (SSE over fetch, so the token goes in a header, not the URL).
 * Reconnects with capped backoff; every (re)connect starts with a `resync` from the server.
 */
export class LiveStream {
  readonly signals$ = new Subject<LiveSignal>();
  readonly connected$ = new Subject<boolean>();
  private abort: AbortController | null = null;
  private stopped = false;
  private attempt = 0;

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
  }

  /** Skip the backoff wait (the browser says the network is back). */
  reconnectNow(): void {
    this.attempt = 0;
    this.abort?.abort();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
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
      this.attempt += 1;
      const wait = Math.min(this.maxBackoffMs, 500 * 2 ** Math.min(this.attempt, 6));
      await new Promise((r) => setTimeout(r, this.attempt === 0 ? 0 : wait));
    }
  }
}
