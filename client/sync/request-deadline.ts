/**
 * Bounds on the sync's calls to the server. A fetch has no timeout of its own: a connection that
 * died half-open (the server killed mid-request, a shop Wi-Fi that dropped without a reset) or a
 * server that accepted and never answered leaves it pending for good, and whatever waits on it
 * (the outbox's drain, a pull, the circuit breaker's one trial call) with it.
 */
export interface SyncTimeouts {
  /**
   * A push of one batch (up to 250 documents, ~180 KB), its answer read whole. The server answers
   * a push in tens of milliseconds and in a few seconds at worst under load; a minute leaves room
   * for a slow shop Wi-Fi's upload. A push that times out is sent again like any failed one (the
   * server's ingest is idempotent).
   */
  pushMs: number;
  /**
   * A pull page is given up after this long without a byte of its answer (headers or body): a big
   * first download on a slow link may take long in all, but it keeps moving.
   */
  pullIdleMs: number;
  /** A status report (small, and dropped when it fails: the next one says the same, newer). */
  statusMs: number;
  /** Pairing: one small request and answer; the cashier is waiting at the screen and can try again. */
  pairMs: number;
  /** The live stream's answer (its headers). Once open, its silence is bounded by the server's heartbeats. */
  streamConnectMs: number;
  /**
   * The live stream's silence bound when the server does not say its heartbeat period (an older
   * server, no STREAM_HEARTBEAT_HEADER): long enough for any heartbeat it may be configured with.
   */
  streamSilenceUnannouncedMs: number;
}

export const DEFAULT_SYNC_TIMEOUTS: SyncTimeouts = {
  pushMs: 60_000,
  pullIdleMs: 60_000,
  statusMs: 30_000,
  pairMs: 30_000,
  streamConnectMs: 60_000,
  streamSilenceUnannouncedMs: 300_000,
};

/** A call to the server that got no answer (or no progress) in time; it was aborted. */
export class RequestTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError';
  constructor(
    readonly what: string,
    readonly afterMs: number,
  ) {
    super(`${what}: no answer from the server in ${Math.round(afterMs / 1000)} s`);
  }
}

/**
 * `promise`, or a rejection as soon as `signal` aborts (with its reason), whichever comes first:
 * the caller is freed even if whatever made the promise does not heed the signal.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | null | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(signal.reason as Error);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err as Error);
      },
    );
  });
}

/**
 * Runs `request` with a signal that aborts once `ms` pass without progress; the returned promise
 * then rejects with a RequestTimeoutError at once, whether or not the request heeds the signal.
 * `progress()` restarts the wait: a request that never calls it is bounded in total. Plain
 * setTimeout (not AbortSignal.timeout), so fake timers drive it in tests.
 */
export function withDeadline<T>(
  what: string,
  ms: number,
  request: (signal: AbortSignal, progress: () => void) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new RequestTimeoutError(what, ms)), ms);
  };
  arm();
  const progress = () => {
    if (!controller.signal.aborted) arm();
  };
  let running: Promise<T>;
  try {
    running = request(controller.signal, progress);
  } catch (err) {
    running = Promise.reject(err as Error);
  }
  return abortable(running, controller.signal).finally(() => clearTimeout(timer));
}

/**
 * The JSON body of `res`, read chunk by chunk with `progress()` after each, so an idle deadline
 * (withDeadline) counts a slow but moving download as alive.
 */
export async function readJsonWithProgress(res: Response, progress: () => void): Promise<unknown> {
  if (!res.body) return res.json();
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    progress();
  }
  text += decoder.decode();
  return JSON.parse(text);
}
