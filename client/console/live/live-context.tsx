import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { STREAM_EVENTS } from '../../../shared/protocol/stream-event';
import { useSession } from '../session/session-context';

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
type Listener = (signal: LiveSignal) => void;

interface LiveValue {
  /** False while the console has lost the server: what is on screen may be out of date. */
  connected: boolean;
  subscribe: (listener: Listener) => () => void;
}

const LiveContext = createContext<LiveValue | null>(null);

/** No event at all (heartbeats included) for this long means the connection is dead even if the socket is not. */
const SILENCE_MS = 45_000;

/**
 * One EventSource on the console stream for the whole app; pages subscribe to it. The browser
 * reconnects by itself after a drop; a refused reconnect (401, session over) closes it and the
 * session is asked again, which sends the manager back to sign-in.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const { recheck } = useSession();
  const listeners = useRef(new Set<Listener>());
  const [connected, setConnected] = useState(true);

  useEffect(() => {
    let source: EventSource | null = null;
    let silence: ReturnType<typeof setTimeout> | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let closed = false;
    const emit = (s: LiveSignal) => listeners.current.forEach((l) => l(s));
    const alive = () => {
      clearTimeout(silence);
      silence = setTimeout(() => {
        setConnected(false);
        open();
      }, SILENCE_MS);
    };
    function open() {
      source?.close();
      if (closed) return;
      const es = new EventSource(CONSOLE_STREAM_PATH);
      source = es;
      es.addEventListener(STREAM_EVENTS.resync, () => {
        setConnected(true);
        alive();
        emit({ kind: 'resync' });
      });
      es.addEventListener(STREAM_EVENTS.heartbeat, () => {
        setConnected(true);
        alive();
      });
      es.addEventListener(STREAM_EVENTS.changed, (e) => {
        alive();
        try {
          emit({ kind: 'changed', change: JSON.parse((e as MessageEvent<string>).data) as LiveChange });
        } catch {
          emit({ kind: 'resync' });
        }
      });
      es.onerror = () => {
        setConnected(false);
        if (es.readyState === EventSource.CLOSED) {
          // Refused (401 after expiry, or a proxy error): ask who we are, then try again.
          clearTimeout(retry);
          retry = setTimeout(() => {
            void recheck().catch(() => undefined);
            open();
          }, 2_000);
        }
      };
    }
    open();
    return () => {
      closed = true;
      clearTimeout(silence);
      clearTimeout(retry);
      source?.close();
    };
  }, [recheck]);

  const subscribe = useCallback((l: Listener) => {
    listeners.current.add(l);
    return () => {
      listeners.current.delete(l);
    };
  }, []);
  const value = useMemo<LiveValue>(() => ({ connected, subscribe }), [connected, subscribe]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export function useLive(): LiveValue {
  const v = useContext(LiveContext);
  if (!v) throw new Error('useLive outside LiveProvider');
  return v;
}
