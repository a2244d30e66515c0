import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { STREAM_EVENTS } from '../../shared/protocol';
import { LiveStream, type LiveSignal } from './event-stream';

/** A server that refuses every connection, or, once `open` is set, answers with a stream that stays open. */
function fakeServer() {
  const state = { calls: 0, open: false };
  const fetch = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
    state.calls += 1;
    if (!state.open) throw new TypeError('Failed to fetch');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(`event: ${STREAM_EVENTS.resync}\ndata: {}\n\n`));
        init?.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  });
  return { state, api: { baseUrl: 'http://server', token: 't', fetch: fetch as unknown as typeof globalThis.fetch } };
}

describe('[S6] the live stream reconnects', () => {
  let stream: LiveStream | null = null;
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    stream?.stop();
    vi.useRealTimers();
  });

  it('[S6] with capped exponential backoff while the server is unreachable', async () => {
    const server = fakeServer();
    stream = new LiveStream(server.api, 4000);
    stream.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.state.calls).toBe(1);
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      let waited = 0;
      while (server.state.calls === i + 1) {
        await vi.advanceTimersByTimeAsync(100);
        waited += 100;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([1000, 2000, 4000, 4000]);
  });

  it('[S6] at once when asked (the network is back), skipping the backoff wait', async () => {
    const server = fakeServer();
    stream = new LiveStream(server.api);
    stream.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.state.calls).toBe(1);

    server.state.open = true;
    stream.reconnectNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.state.calls).toBe(2);
  });

  it('[S6] at once when asked while connected, and each connect begins with resync', async () => {
    const server = fakeServer();
    server.state.open = true;
    stream = new LiveStream(server.api);
    const signals: LiveSignal[] = [];
    stream.signals$.subscribe((s) => signals.push(s));
    stream.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.state.calls).toBe(1);

    stream.reconnectNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.state.calls).toBe(2);
    expect(signals).toEqual([{ type: 'resync' }, { type: 'resync' }]);
  });
});
