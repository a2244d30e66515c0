import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Rereader } from './rereader';

/** A read that takes `ms` and records when it started and ended. */
function slowRead(ms: number) {
  const log = { started: [] as number[], finished: [] as number[], overlapping: 0, active: 0 };
  const read = async () => {
    log.started.push(Date.now());
    log.active += 1;
    if (log.active > 1) log.overlapping += 1;
    await new Promise((resolve) => setTimeout(resolve, ms));
    log.active -= 1;
    log.finished.push(Date.now());
  };
  return { read, log };
}

describe('Rereader', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('re-reads during a steady stream of changes instead of waiting for it to stop', async () => {
    const { read, log } = slowRead(10);
    const rereader = new Rereader(read, 80);
    for (let t = 0; t < 1_000; t += 30) {
      rereader.changed();
      await vi.advanceTimersByTimeAsync(30);
    }
    // One read about every 80 ms from the first change on, not one after the last change.
    expect(log.finished.length).toBeGreaterThanOrEqual(10);
    expect(log.finished[0]).toBeLessThanOrEqual(100);
    rereader.stop();
  });

  it('never aborts or overlaps a slow read: changes during it give exactly one more read after it', async () => {
    const { read, log } = slowRead(500);
    const rereader = new Rereader(read, 80);
    rereader.now();
    for (let t = 0; t < 400; t += 50) {
      rereader.changed();
      await vi.advanceTimersByTimeAsync(50);
    }
    await vi.advanceTimersByTimeAsync(2_000);
    expect(log.overlapping).toBe(0);
    expect(log.started).toEqual([0, 500]);
    expect(log.finished).toEqual([500, 1_000]);
  });

  it('asked again and again while reading, it reads once more, not once per ask', async () => {
    const { read, log } = slowRead(100);
    const rereader = new Rereader(read, 80);
    rereader.now();
    for (let i = 0; i < 5; i++) rereader.now();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(log.started).toEqual([0, 100]);
  });

  it('a failed read does not stop the next one', async () => {
    let calls = 0;
    const rereader = new Rereader(async () => {
      calls += 1;
      if (calls === 1) throw new Error('server down');
    }, 80);
    rereader.now();
    await vi.advanceTimersByTimeAsync(0);
    rereader.changed();
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toBe(2);
  });

  it('stopped, it drops the re-read it had scheduled and reads no more', async () => {
    const { read, log } = slowRead(10);
    const rereader = new Rereader(read, 80);
    rereader.changed();
    rereader.stop();
    rereader.now();
    rereader.changed();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(log.started).toEqual([]);
  });

  it('says when it is idle: after the last read of a run, not between a read and the one it owes', async () => {
    const { read, log } = slowRead(100);
    const idle: number[] = [];
    const rereader = new Rereader(read, 80, () => idle.push(Date.now()));
    rereader.now();
    rereader.now();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(log.finished).toEqual([100, 200]);
    expect(idle).toEqual([200]);
  });
});
