import { STREAM_EVENTS } from '../../../shared/protocol/stream-event';

const CONSOLE_STREAM_PATH = '/api/console/stream';

/** What a `changed` event says moved (server/console/stream-routes.ts ConsoleChanged). */
export interface LiveChange {
  seq: number;
  collections: string[];
  locationIds: string[];
  branchIds: string[];
}
/** `resync`: the stream (re)connected and whatever is on screen may have missed changes. */
export type LiveSignal = { kind: 'changed'; change: LiveChange } | { kind: 'resync' };

/** What a console stream tells whoever listens to it. */
export interface StreamListener {
  signal(signal: LiveSignal): void;
  /** False while the console has lost the server: what is on screen may be out of date. */
  connected(connected: boolean): void;
  /** The server refused the stream (401 after expiry, or a proxy error): ask who is signed in. */
  refused(): void;
  /** A heartbeat: the connection is alive though nothing changed. */
  alive(): void;
}

/** No event at all (heartbeats included) for this long means the connection is dead even if the socket is not. */
export const SILENCE_MS = 45_000;
const RETRY_AFTER_REFUSAL_MS = 2_000;

/**
 * The console stream of this tab: one EventSource, reopened after a silence; the browser
 * reconnects by itself after a drop, and a refused reconnect is retried after asking who is signed
 * in (which sends an ended session back to sign-in). Returns how to close it.
 */
export function openConsoleStream(listener: StreamListener): () => void {
  let source: EventSource | null = null;
  let silence: ReturnType<typeof setTimeout> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  const heard = () => {
    listener.connected(true);
    clearTimeout(silence);
    silence = setTimeout(() => {
      listener.connected(false);
      open();
    }, SILENCE_MS);
  };
  function open() {
    source?.close();
    if (closed) return;
    const es = new EventSource(CONSOLE_STREAM_PATH);
    source = es;
    es.addEventListener(STREAM_EVENTS.resync, () => {
      heard();
      listener.signal({ kind: 'resync' });
    });
    es.addEventListener(STREAM_EVENTS.heartbeat, () => {
      heard();
      listener.alive();
    });
    es.addEventListener(STREAM_EVENTS.changed, (e) => {
      heard();
      try {
        listener.signal({ kind: 'changed', change: JSON.parse((e as MessageEvent<string>).data) as LiveChange });
      } catch {
        listener.signal({ kind: 'resync' });
      }
    });
    es.onerror = () => {
      listener.connected(false);
      if (es.readyState !== EventSource.CLOSED) return;
      clearTimeout(retry);
      retry = setTimeout(() => {
        listener.refused();
        open();
      }, RETRY_AFTER_REFUSAL_MS);
    };
  }
  open();
  return () => {
    closed = true;
    clearTimeout(silence);
    clearTimeout(retry);
    source?.close();
  };
}
