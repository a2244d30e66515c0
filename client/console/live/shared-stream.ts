import { openConsoleStream, SILENCE_MS, type LiveSignal, type StreamListener } from './console-stream';

/** What one tab tells the others on the channel. */
type Message =
  | { kind: 'signal'; signal: LiveSignal }
  | { kind: 'connected'; connected: boolean }
  | { kind: 'refused' }
  | { kind: 'alive' }
  /** A tab joined: the tab holding the stream answers with whether it is connected. */
  | { kind: 'hello' };

/** What sharing needs of the browser; tests give their own. */
export interface SharingDeps {
  locks: Pick<LockManager, 'request'> | undefined;
  channel: ((name: string) => Pick<BroadcastChannel, 'postMessage' | 'close' | 'onmessage'>) | undefined;
  open: (listener: StreamListener) => () => void;
  /** Whether the manager is looking at this tab (a hidden tab leaves a silent stream alone). */
  visible: () => boolean;
  onVisible: (callback: () => void) => () => void;
  silenceMs: number;
}

function browserDeps(): SharingDeps {
  return {
    locks: typeof navigator !== 'undefined' ? navigator.locks : undefined,
    channel: typeof BroadcastChannel !== 'undefined' ? (name) => new BroadcastChannel(name) : undefined,
    open: openConsoleStream,
    visible: () => document.visibilityState === 'visible',
    onVisible: (callback) => {
      const listener = () => {
        if (document.visibilityState === 'visible') callback();
      };
      document.addEventListener('visibilitychange', listener);
      return () => document.removeEventListener('visibilitychange', listener);
    },
    silenceMs: SILENCE_MS,
  };
}

/**
 * The console stream, one per browser for all the tabs of one manager: a browser keeps at most six
 * connections to a server, and each tab holding a stream of its own took one for good, so a sixth
 * tab had no connection left to load anything. One tab holds the stream (a Web Lock decides which;
 * when it closes, the next tab takes over and its `resync` makes every tab re-read) and repeats
 * what it hears to the others on a BroadcastChannel. A tab that has heard nothing from the holder
 * for a silence while the manager looks at it takes the stream over (the holder may be frozen).
 * Without Web Locks or BroadcastChannel, every tab opens its own stream as before.
 */
export function shareConsoleStream(
  key: string,
  listener: StreamListener,
  deps: SharingDeps = browserDeps(),
): () => void {
  const { locks, channel } = deps;
  if (!locks || !channel) return deps.open(listener);
  const share = new StreamShare(`ecomarket-console-stream:${key}`, listener, deps, locks, channel);
  return () => share.close();
}

interface Held {
  connected: boolean;
  close: () => void;
  release: () => void;
}

class StreamShare {
  private readonly channel: Pick<BroadcastChannel, 'postMessage' | 'close' | 'onmessage'>;
  private readonly quit = new AbortController();
  private holding: Held | null = null;
  /** The request waiting for the stream, withdrawn when this tab takes it over instead. */
  private queued: AbortController | null = null;
  private silence: ReturnType<typeof setTimeout> | undefined;
  private silent = false;
  private readonly stopVisibleWatch: () => void;

  constructor(
    private readonly name: string,
    private readonly listener: StreamListener,
    private readonly deps: SharingDeps,
    private readonly locks: Pick<LockManager, 'request'>,
    channelNamed: NonNullable<SharingDeps['channel']>,
  ) {
    this.channel = channelNamed(name);
    this.channel.onmessage = (event: MessageEvent<Message>) => this.heard(event.data);
    this.stopVisibleWatch = deps.onVisible(() => {
      if (this.silent && !this.holding) this.takeOver();
    });
    this.queue();
    this.post({ kind: 'hello' });
    this.listenForHolder();
  }

  close(): void {
    this.quit.abort();
    this.queued?.abort();
    clearTimeout(this.silence);
    this.stopVisibleWatch();
    this.letGo();
    this.channel.onmessage = null;
    this.channel.close();
  }

  private post(message: Message): void {
    this.channel.postMessage(message);
  }

  private heard(message: Message): void {
    if (this.holding) {
      if (message.kind === 'hello') this.post({ kind: 'connected', connected: this.holding.connected });
      return;
    }
    this.listenForHolder();
    if (message.kind === 'signal') this.listener.signal(message.signal);
    else if (message.kind === 'connected') this.listener.connected(message.connected);
    else if (message.kind === 'refused') this.listener.refused();
    else if (message.kind === 'alive') this.listener.alive();
  }

  /** (Re)starts the wait for the holder's next word; a silence ends in taking the stream over. */
  private listenForHolder(): void {
    clearTimeout(this.silence);
    this.silent = false;
    if (this.quit.signal.aborted || this.holding) return;
    this.silence = setTimeout(() => {
      this.silent = true;
      this.listener.connected(false);
      if (this.deps.visible()) this.takeOver();
    }, this.deps.silenceMs);
  }

  private queue(): void {
    const asked = new AbortController();
    this.queued = asked;
    this.settled(this.locks.request(this.name, { signal: asked.signal }, this.hold(asked)), () => asked.signal.aborted);
  }

  private takeOver(): void {
    this.silent = false;
    this.queued?.abort();
    this.queued = null;
    this.settled(this.locks.request(this.name, { steal: true }, this.hold(null)), () => false);
  }

  /** A request settled: let go of a stream taken from us and queue again; a withdrawn one is over. */
  private settled(asked: Promise<unknown>, withdrawn: () => boolean): void {
    asked.catch(() => {
      if (this.quit.signal.aborted || withdrawn()) return;
      this.letGo();
      this.listenForHolder();
      this.queue();
    });
  }

  /** Holds the stream until let go (a close, or a tab that took it over). */
  private hold(asked: AbortController | null) {
    return () =>
      new Promise<void>((release) => {
        if (this.queued === asked) this.queued = null;
        if (this.quit.signal.aborted) return release();
        clearTimeout(this.silence);
        this.silent = false;
        const held: Held = { connected: true, close: () => undefined, release };
        this.holding = held;
        held.close = this.deps.open(this.relay(held));
      });
  }

  /** The holder's listener: this tab hears it, and so do the others. */
  private relay(held: Held): StreamListener {
    return {
      signal: (signal) => {
        this.listener.signal(signal);
        this.post({ kind: 'signal', signal });
      },
      connected: (connected) => {
        held.connected = connected;
        this.listener.connected(connected);
        this.post({ kind: 'connected', connected });
      },
      refused: () => {
        this.listener.refused();
        this.post({ kind: 'refused' });
      },
      alive: () => {
        this.listener.alive();
        this.post({ kind: 'alive' });
      },
    };
  }

  private letGo(): void {
    if (!this.holding) return;
    this.holding.close();
    this.holding.release();
    this.holding = null;
  }
}
