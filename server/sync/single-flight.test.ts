import { describe, expect, it } from 'vitest';
import { SingleFlight } from './single-flight';

/** A read that starts (takes its connection) when told, then answers when told. */
function gatedRead(value: string) {
  let start!: () => void;
  let finish!: () => void;
  const canStart = new Promise<void>((r) => (start = r));
  const canFinish = new Promise<void>((r) => (finish = r));
  let calls = 0;
  const read = async (started: () => void) => {
    calls++;
    await canStart;
    started();
    await canFinish;
    return value;
  };
  return { read, start, finish, calls: () => calls };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('SingleFlight', () => {
  it('requests with the same key that arrive before the read starts share it', async () => {
    const flight = new SingleFlight<string>();
    const a = gatedRead('a');
    const first = flight.run('k', a.read);
    const second = flight.run('k', gatedRead('unused').read);
    await tick();
    a.start();
    a.finish();
    expect(await Promise.all([first, second])).toEqual(['a', 'a']);
    expect(a.calls()).toBe(1);
    expect(flight.reads).toBe(1);
  });

  it('a request that arrives after the read started gets a read of its own (read your writes)', async () => {
    const flight = new SingleFlight<string>();
    const a = gatedRead('before');
    const first = flight.run('k', a.read);
    await tick();
    a.start();
    await tick();
    // The first read holds its connection now: a write acknowledged meanwhile may be missing from it.
    const b = gatedRead('after');
    const second = flight.run('k', b.read);
    await tick();
    b.start();
    b.finish();
    a.finish();
    expect(await first).toBe('before');
    expect(await second).toBe('after');
    expect(b.calls()).toBe(1);
    expect(flight.reads).toBe(2);
  });

  it('other keys never share, and a failed read fails only its sharers and frees its key', async () => {
    const flight = new SingleFlight<string>();
    const x = gatedRead('x');
    const y = gatedRead('y');
    const px = flight.run('x', x.read);
    const py = flight.run('y', y.read);
    await tick();
    x.start();
    y.start();
    x.finish();
    y.finish();
    expect(await Promise.all([px, py])).toEqual(['x', 'y']);

    const failing = flight.run('k', () => Promise.reject(new Error('lost connection')));
    const sharer = flight.run('k', () => Promise.resolve('unused'));
    await expect(failing).rejects.toThrow('lost connection');
    await expect(sharer).rejects.toThrow('lost connection');
    expect(await flight.run('k', (started) => (started(), Promise.resolve('again')))).toBe('again');
  });
});
