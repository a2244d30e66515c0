import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LiveSignal, StreamListener } from './console-stream';
import { shareConsoleStream, type SharingDeps } from './shared-stream';

/** Web Locks as the browser grants them: per name one holder and a queue; requests withdrawn by signal; steal. */
class FakeLocks {
  private readonly names = new Map<
    string,
    { holder: { reject: (e: unknown) => void } | null; waiting: (() => void)[] }
  >();

  request(name: string, options: LockOptions, callback: () => Promise<void>): Promise<void> {
    let lock = this.names.get(name);
    if (!lock) this.names.set(name, (lock = { holder: null, waiting: [] }));
    const state = lock;
    return new Promise<void>((resolve, reject) => {
      const grant = () => {
        const me = { reject };
        state.holder = me;
        void callback().then(() => {
          if (state.holder === me) {
            state.holder = null;
            state.waiting.shift()?.();
          }
          resolve();
        });
      };
      if (options.steal) {
        state.holder?.reject(new DOMException('stolen', 'AbortError'));
        return grant();
      }
      if (!state.holder) return grant();
      state.waiting.push(grant);
      options.signal?.addEventListener('abort', () => {
        state.waiting = state.waiting.filter((g) => g !== grant);
        reject(new DOMException('withdrawn', 'AbortError'));
      });
    });
  }
}

/** The console streams the tabs opened, to speak through and to see closed. */
function streams() {
  const opened: { listener: StreamListener; closed: boolean }[] = [];
  const open = (listener: StreamListener) => {
    const stream = { listener, closed: false };
    opened.push(stream);
    return () => {
      stream.closed = true;
    };
  };
  return { opened, open, live: () => opened.filter((s) => !s.closed) };
}

/** A console tab: what it heard, whether it is shown, and how to close it. */
function tab(key: string, deps: Omit<SharingDeps, 'visible' | 'onVisible'>, shown = true) {
  const heard = { signals: [] as LiveSignal[], connected: [] as boolean[], refused: 0 };
  const visibility = { shown, callbacks: new Set<() => void>() };
  const close = shareConsoleStream(
    key,
    {
      signal: (s) => heard.signals.push(s),
      connected: (c) => heard.connected.push(c),
      refused: () => (heard.refused += 1),
      alive: () => undefined,
    },
    {
      ...deps,
      visible: () => visibility.shown,
      onVisible: (callback) => {
        visibility.callbacks.add(callback);
        return () => visibility.callbacks.delete(callback);
      },
    },
  );
  const show = () => {
    visibility.shown = true;
    visibility.callbacks.forEach((c) => c());
  };
  return { heard, close, show };
}

const changed = (seq: number): LiveSignal => ({
  kind: 'changed',
  change: { seq, collections: ['sales'], locationIds: [], branchIds: [] },
});

describe('shareConsoleStream', () => {
  const closers: (() => void)[] = [];
  afterEach(() => {
    closers.splice(0).forEach((c) => c());
  });
  function setup(silenceMs = 60_000) {
    const s = streams();
    const deps = {
      locks: new FakeLocks() as unknown as LockManager,
      channel: (name: string) => new BroadcastChannel(name),
      open: s.open,
      silenceMs,
    };
    const open = (key = 'manager-1', shown = true) => {
      const t = tab(key, deps, shown);
      closers.push(t.close);
      return t;
    };
    return { ...s, open };
  }

  it('three tabs of one manager open one stream between them, and every tab hears what it says', async () => {
    const { opened, open } = setup();
    const tabs = [open(), open(), open()];
    await vi.waitFor(() => expect(opened).toHaveLength(1));
    opened[0]!.listener.signal(changed(7));
    opened[0]!.listener.refused();
    await vi.waitFor(() => {
      for (const t of tabs) {
        expect(t.heard.signals).toEqual([changed(7)]);
        expect(t.heard.refused).toBe(1);
      }
    });
    expect(opened).toHaveLength(1);
  });

  it('the tab holding the stream closes: the next one opens it, and its resync reaches the others', async () => {
    const { opened, open, live } = setup();
    const first = open();
    const [second, third] = [open(), open()];
    await vi.waitFor(() => expect(opened).toHaveLength(1));
    first.close();
    await vi.waitFor(() => expect(opened).toHaveLength(2));
    expect(live()).toHaveLength(1);
    opened[1]!.listener.signal({ kind: 'resync' });
    await vi.waitFor(() => {
      expect([...second.heard.signals, ...third.heard.signals]).toEqual([{ kind: 'resync' }, { kind: 'resync' }]);
    });
  });

  it('a tab opened while the server is out of reach is told so by the tab holding the stream', async () => {
    const { opened, open } = setup();
    open();
    await vi.waitFor(() => expect(opened).toHaveLength(1));
    opened[0]!.listener.connected(false);
    const late = open();
    await vi.waitFor(() => expect(late.heard.connected).toEqual([false]));
  });

  it('a holder gone silent (a frozen tab) is taken over by the tab the manager looks at, and stops its stream', async () => {
    const { opened, open, live } = setup(200);
    open();
    await vi.waitFor(() => expect(opened).toHaveLength(1));
    const hidden = open('manager-1', false);
    const looked = open();
    await vi.waitFor(() => expect(opened).toHaveLength(2), { timeout: 2_000 });
    expect(opened[0]!.closed).toBe(true);
    expect(live()).toHaveLength(1);
    expect(looked.heard.connected).toContain(false);
    opened[1]!.listener.signal(changed(9));
    await vi.waitFor(() => expect(hidden.heard.signals).toContainEqual(changed(9)));
  });

  it('a hidden tab leaves a silent holder alone until the manager looks at it', async () => {
    const { opened, open } = setup(150);
    open();
    await vi.waitFor(() => expect(opened).toHaveLength(1));
    const hidden = open('manager-1', false);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(opened).toHaveLength(1);
    hidden.show();
    await vi.waitFor(() => expect(opened).toHaveLength(2));
    expect(opened[0]!.closed).toBe(true);
  });

  it('another manager signed in in this browser gets a stream of their own', async () => {
    const { opened, open } = setup();
    open('manager-1');
    open('manager-2');
    await vi.waitFor(() => expect(opened).toHaveLength(2));
  });

  it('without Web Locks every tab opens its own stream, as before', async () => {
    const s = streams();
    const deps = { locks: undefined, channel: (n: string) => new BroadcastChannel(n), open: s.open, silenceMs: 60_000 };
    closers.push(tab('manager-1', deps).close, tab('manager-1', deps).close);
    expect(s.opened).toHaveLength(2);
  });
});
