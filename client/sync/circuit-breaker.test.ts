import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CircuitBreaker, CircuitOpenError } from './circuit-breaker';

const ok = () => Promise.resolve('ok');
const down = () => Promise.reject(new TypeError('fetch failed'));

describe("circuit breaker (the seed's closed / open / half-open)", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('opens after 3 consecutive failures and then refuses calls without making them', async () => {
    const breaker = new CircuitBreaker();
    for (let i = 0; i < 2; i++) await expect(breaker.call(down)).rejects.toThrow('fetch failed');
    expect(breaker.state).toBe('closed');
    await expect(breaker.call(down)).rejects.toThrow('fetch failed');
    expect(breaker.state).toBe('open');
    const call = vi.fn(ok);
    await expect(breaker.call(call)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(call).not.toHaveBeenCalled();
  });

  it('a success in between resets the failure count', async () => {
    const breaker = new CircuitBreaker();
    await expect(breaker.call(down)).rejects.toThrow();
    await expect(breaker.call(down)).rejects.toThrow();
    await breaker.call(ok);
    await expect(breaker.call(down)).rejects.toThrow();
    await expect(breaker.call(down)).rejects.toThrow();
    expect(breaker.state).toBe('closed');
  });

  it('after the recovery timeout one trial call goes through (half-open); success closes it', async () => {
    const breaker = new CircuitBreaker({ recoveryTimeoutMs: 30_000 });
    for (let i = 0; i < 3; i++) await expect(breaker.call(down)).rejects.toThrow();
    vi.advanceTimersByTime(29_999);
    await expect(breaker.call(ok)).rejects.toBeInstanceOf(CircuitOpenError);
    vi.advanceTimersByTime(1);
    let release!: (v: string) => void;
    const trial = breaker.call(() => new Promise<string>((r) => (release = r)));
    expect(breaker.state).toBe('half_open');
    // Only one trial at a time: a second call meanwhile is refused.
    await expect(breaker.call(ok)).rejects.toBeInstanceOf(CircuitOpenError);
    release('ok');
    await expect(trial).resolves.toBe('ok');
    expect(breaker.state).toBe('closed');
  });

  it('a failed trial opens the circuit again for another full timeout', async () => {
    const breaker = new CircuitBreaker({ recoveryTimeoutMs: 10_000 });
    for (let i = 0; i < 3; i++) await expect(breaker.call(down)).rejects.toThrow();
    vi.advanceTimersByTime(10_000);
    await expect(breaker.call(down)).rejects.toThrow('fetch failed');
    expect(breaker.state).toBe('open');
    vi.advanceTimersByTime(9_000);
    await expect(breaker.call(ok)).rejects.toBeInstanceOf(CircuitOpenError);
  });

  it('probe() ("sync now", network back) lets a trial through before the timeout', async () => {
    const breaker = new CircuitBreaker({ recoveryTimeoutMs: 60_000 });
    for (let i = 0; i < 3; i++) await expect(breaker.call(down)).rejects.toThrow();
    breaker.probe();
    expect(breaker.state).toBe('half_open');
    await expect(breaker.call(ok)).resolves.toBe('ok');
    expect(breaker.state).toBe('closed');
  });

  it('a result judged a failure (a 5xx answer) counts like a thrown error', async () => {
    const breaker = new CircuitBreaker();
    const answer503 = () => Promise.resolve({ status: 503 });
    for (let i = 0; i < 3; i++) await breaker.call(answer503, (r) => r.status >= 500);
    expect(breaker.state).toBe('open');
  });
});
