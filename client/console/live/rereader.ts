/**
 * Keeps one view current while changes stream in, without ever starving it.
 *
 * - `changed()`: the first change of a burst schedules one re-read `delayMs` later; changes during
 *   that wait join it instead of pushing it back, so a steady stream of changes still re-reads
 *   every `delayMs` or so.
 * - `now()`: re-read at once, or, when a read is running, once more right after it ends. A running
 *   read is never aborted for a newer change: its answer may predate the change, so one more read
 *   follows, but the screen always gets an answer. (Aborting and restarting on every change kept a
 *   page blank for as long as changes came faster than it could read.)
 */
export class Rereader {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private again = false;
  private stopped = false;

  constructor(
    private readonly read: () => Promise<unknown>,
    private readonly delayMs: number,
    /** Called when a read has ended and no other follows it. */
    private readonly onIdle: () => void = () => undefined,
  ) {}

  /** A read is running (or waiting to start its work). */
  get busy(): boolean {
    return this.running;
  }

  changed(): void {
    if (this.stopped || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.now();
    }, this.delayMs);
  }

  now(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.again = false;
    // Errors are the read's to show; here they only end the read.
    void this.read()
      .catch(() => undefined)
      .finally(() => {
        this.running = false;
        if (this.again) this.now();
        else if (!this.stopped) this.onIdle();
      });
  }

  /** No more reads: the view is gone or reads something else now. A running read is the caller's to abort. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
