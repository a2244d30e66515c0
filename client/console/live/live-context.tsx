import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { LiveSignal } from './console-stream';
import { shareConsoleStream } from './shared-stream';
import { useManager, useSession } from '../session/session-context';

export type { LiveChange, LiveSignal } from './console-stream';
type Listener = (signal: LiveSignal) => void;

interface LiveValue {
  /** False while the console has lost the server: what is on screen may be out of date. */
  connected: boolean;
  subscribe: (listener: Listener) => () => void;
}

const LiveContext = createContext<LiveValue | null>(null);

/**
 * The console stream for the whole app, shared with the manager's other console tabs
 * (shared-stream.ts); pages subscribe to it. A refused stream (session over) asks the server who is
 * signed in, which sends the manager back to sign-in.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const { recheck } = useSession();
  const manager = useManager();
  const listeners = useRef(new Set<Listener>());
  const [connected, setConnected] = useState(true);

  useEffect(
    () =>
      shareConsoleStream(manager.id, {
        signal: (s) => listeners.current.forEach((l) => l(s)),
        connected: setConnected,
        refused: () => void recheck().catch(() => undefined),
        alive: () => undefined,
      }),
    [manager.id, recheck],
  );

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
