import { createParser } from 'eventsource-parser';
import type { ConsoleChanged } from '../console/stream-routes';

export interface ConsoleStream {
  status: number;
  /** The next event named `name`, skipping others; rejects after timeoutMs. */
  next(name: string, timeoutMs: number): Promise<unknown>;
  /** Every event named `name` received so far. */
  seen(name: string): unknown[];
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens the console's live stream with the session cookie, as the browser's EventSource does. */
export async function openConsoleStream(baseUrl: string, cookie: string): Promise<ConsoleStream> {
  const abort = new AbortController();
  const res = await fetch(`${baseUrl}/api/console/stream`, {
    headers: { cookie, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  const events: { event: string; data: unknown }[] = [];
  let cursor = 0;
  let wake: (() => void) | null = null;
  const parser = createParser({
    onEvent: (e) => {
      events.push({ event: e.event ?? 'message', data: JSON.parse(e.data) as unknown });
      wake?.();
    },
  });
  const ended = (async () => {
    if (!res.body) return;
    const decoder = new TextDecoder();
    try {
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } catch {
      // closed by the test
    }
  })();
  return {
    status: res.status,
    ended,
    async next(name, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        while (cursor < events.length) {
          const e = events[cursor++]!;
          if (e.event === name) return e.data;
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no "${name}" event within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    },
    seen: (name) => events.filter((e) => e.event === name).map((e) => e.data),
    close: () => abort.abort(),
  };
}

/** The next `changed` event naming `collection` (others are skipped), or a rejection after timeoutMs. */
export async function nextChangeNaming(
  stream: ConsoleStream,
  collection: ConsoleChanged['collections'][number],
  timeoutMs: number,
): Promise<ConsoleChanged> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const changed = (await stream.next('changed', Math.max(1, deadline - Date.now()))) as ConsoleChanged;
    if (changed.collections.includes(collection)) return changed;
  }
}
