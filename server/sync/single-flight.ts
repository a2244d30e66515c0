/**
 * One read for every request that asks the same thing before that read starts. When tablets
 * reconnect together, the ~50 tablets of a branch pull their stock from the same checkpoint: one
 * read and one serialisation answer them all (docs/benchmarks.md, issue 14).
 *
 * A request may share a read only if it arrived before the read STARTED (took its database
 * connection): a read that started earlier may have missed a write this request's device saw
 * acknowledged just before it asked (read your writes, SPEC S4: a tablet pulls after its push).
 * So `read` calls `started()` the moment it holds its connection, and from then on a new request
 * with the same key starts a read of its own.
 */
export class SingleFlight<V> {
  private readonly open = new Map<string, Promise<V>>();
  /** Reads started so far (tests and diagnostics). */
  reads = 0;

  run(key: string, read: (started: () => void) => Promise<V>): Promise<V> {
    const joined = this.open.get(key);
    if (joined) return joined;
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      if (this.open.get(key) === flight) this.open.delete(key);
    };
    const flight: Promise<V> = Promise.resolve()
      .then(() =>
        read(() => {
          this.reads++;
          close();
        }),
      )
      .finally(close);
    this.open.set(key, flight);
    return flight;
  }
}
