import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  CONSOLE_SESSION_PATH,
  type ManagerSummary,
  type SessionResponse,
  type SignInRequest,
} from '../../../shared/console/manager-session';
import { ApiClient, ConsoleApiError } from '../api/api-client';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signedOut'; expired: boolean }
  | { status: 'signedIn'; manager: ManagerSummary; expiresAt: string };

interface SessionValue {
  state: SessionState;
  api: ApiClient;
  signIn: (body: SignInRequest) => Promise<void>;
  /** A session the server opened another way (first-run setup signs the new administrator in). */
  accept: (session: SessionResponse) => void;
  signOut: () => Promise<void>;
  /** Ask the server again who is signed in (after the live stream was refused, for one). */
  recheck: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const csrf = useRef<string | null>(null);
  const expiryTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const expire = useCallback(() => {
    csrf.current = null;
    clearTimeout(expiryTimer.current);
    setState((s) => (s.status === 'signedIn' ? { status: 'signedOut', expired: true } : s));
  }, []);

  const api = useMemo(() => new ApiClient({ csrfToken: () => csrf.current, onUnauthenticated: expire }), [expire]);

  const accept = useCallback(
    (s: SessionResponse) => {
      csrf.current = s.csrfToken;
      setState({ status: 'signedIn', manager: s.manager, expiresAt: s.expiresAt });
      clearTimeout(expiryTimer.current);
      // The cookie lapses at expiresAt; go back to sign-in then rather than at the next failed click.
      const ms = new Date(s.expiresAt).getTime() - Date.now();
      if (ms > 0 && ms < 2 ** 31 - 1) expiryTimer.current = setTimeout(expire, ms);
    },
    [expire],
  );

  const recheck = useCallback(async () => {
    try {
      accept(await api.get<SessionResponse>(CONSOLE_SESSION_PATH));
    } catch (err) {
      if (err instanceof ConsoleApiError && err.status === 401)
        setState((s) => ({ status: 'signedOut', expired: s.status === 'signedIn' }));
      else if (!(err instanceof ConsoleApiError) || err.status !== 0) throw err;
      // Server unreachable: keep what we have; the live banner already says so.
      else setState((s) => (s.status === 'loading' ? { status: 'signedOut', expired: false } : s));
    }
  }, [api, accept]);

  useEffect(() => {
    void recheck();
    return () => clearTimeout(expiryTimer.current);
  }, [recheck]);

  const signIn = useCallback(
    async (body: SignInRequest) => accept(await api.post<SessionResponse>(CONSOLE_SESSION_PATH, body)),
    [api, accept],
  );
  const signOut = useCallback(async () => {
    try {
      await api.delete(CONSOLE_SESSION_PATH);
    } finally {
      csrf.current = null;
      clearTimeout(expiryTimer.current);
      setState({ status: 'signedOut', expired: false });
    }
  }, [api]);

  const value = useMemo(
    () => ({ state, api, signIn, accept, signOut, recheck }),
    [state, api, signIn, accept, signOut, recheck],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

/** The signed-in manager; only inside the signed-in part of the app. */
export function useManager(): ManagerSummary {
  const { state } = useSession();
  if (state.status !== 'signedIn') throw new Error('useManager while signed out');
  return state.manager;
}

export function useApi(): ApiClient {
  return useSession().api;
}
