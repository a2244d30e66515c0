import { BehaviorSubject } from 'rxjs';

export type BreakerState = 'closed' | 'open' | 'half_open';

export class CircuitOpenError extends Error {
  constructor(readonly retryInMs: number) {
    super(`the server is not answering; next try in ${Math.ceil(retryInMs / 1000)} s`);
  }
}

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit (the seed's 3). */
  failureThreshold?: number;
  /** How long an open circuit refuses calls before one trial call is let through. */
  recoveryTimeoutMs?: number;
  now?: () => number;
}

/**
 * The seed's circuit breaker (closed / open / half-open), with no DOM so it runs in Node too.
 * While open, sync calls fail at once instead of waiting on a dead network; after the recovery
 * timeout one trial call goes through (half-open): success closes the circuit, failure opens it
 * again. `probe()` lets "sync now" or the browser's `online` event skip the wait.
 */
export class CircuitBreaker {
  readonly state$ = new BehaviorSubject<BreakerState>('closed');
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;
  private readonly threshold: number;
  private readonly recoveryMs: number;
  private readonly now: () => number;

  constructor(options: CircuitBreakerOptions = {}) {
    this.threshold = options.failureThreshold ?? 3;
    this.recoveryMs = options.recoveryTimeoutMs ?? 30_000;
    this.now = options.now ?? (() => Date.now());
  }

  get state(): BreakerState {
    return this.state$.value;
  }

  /** Runs `call` if the circuit lets it through; a thrown error or `isFailure(result)` counts as a failure. */
  async call<T>(call: () => Promise<T>, isFailure: (result: T) => boolean = () => false): Promise<T> {
    this.admit();
    const trial = this.state === 'half_open';
    if (trial) this.trialInFlight = true;
    try {
      const result = await call();
      if (isFailure(result)) this.onFailure();
      else this.onSuccess();
      return result;
    } catch (err) {
      this.onFailure();
      throw err;
    } finally {
      if (trial) this.trialInFlight = false;
    }
  }

  /** Let the next call through as a trial now, without waiting for the recovery timeout. */
  probe(): void {
    if (this.state === 'open') this.set('half_open');
  }

  private admit(): void {
    if (this.state === 'open') {
      const waited = this.now() - this.openedAt;
      if (waited < this.recoveryMs) throw new CircuitOpenError(this.recoveryMs - waited);
      this.set('half_open');
    }
    if (this.state === 'half_open' && this.trialInFlight) throw new CircuitOpenError(0);
  }

  private onSuccess(): void {
    this.failures = 0;
    this.set('closed');
  }

  private onFailure(): void {
    this.failures += 1;
    if (this.state === 'half_open' || this.failures >= this.threshold) {
      this.openedAt = this.now();
      this.set('open');
    }
  }

  private set(state: BreakerState): void {
    if (this.state$.value !== state) this.state$.next(state);
  }
}
