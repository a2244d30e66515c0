import { Rereader } from './rereader';

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

export type ReadPage<T> = (cursor: string | undefined, signal: AbortSignal) => Promise<CursorPage<T>>;

/** What a paged reader tells the screen. */
export interface PagedView<T> {
  pages(pages: CursorPage<T>[]): void;
  error(err: unknown): void;
  loading(loading: boolean): void;
}

/**
 * The reads of one list (one key of useLivePages) page by page. `reread` reads the pages shown so
 * far again; `loadMore` reads the next page. They never run at once: a re-read waits for the next
 * page on its way and includes it, and a next page asked for during a re-read is read right after.
 * `stop` abandons every read (a new key, or the page left).
 */
export class PagedReader<T> {
  private readonly controller = new AbortController();
  private readonly rereader: Rereader;
  private shown: CursorPage<T>[] = [];
  private loadingMore: Promise<void> | null = null;
  private moreWanted = false;

  constructor(
    private readonly readPage: () => ReadPage<T>,
    private readonly view: PagedView<T>,
    coalesceMs: number,
  ) {
    this.rereader = new Rereader(
      () => this.readShown(),
      coalesceMs,
      () => this.afterReread(),
    );
  }

  private get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Read the first page. */
  start(): void {
    this.rereader.now();
  }

  /** Something the list shows changed: re-read soon. */
  changed(): void {
    this.rereader.changed();
  }

  async loadMore(): Promise<void> {
    const cursor = this.shown.at(-1)?.nextCursor;
    if (!cursor || this.loadingMore || this.signal.aborted) return;
    if (this.rereader.busy) {
      this.moreWanted = true;
      return;
    }
    this.loadingMore = this.settle(async () => {
      const page = await this.readPage()(cursor, this.signal);
      return [...this.shown, page];
    });
    await this.loadingMore;
    this.loadingMore = null;
  }

  stop(): void {
    this.rereader.stop();
    this.controller.abort();
  }

  private async readShown(): Promise<void> {
    await this.loadingMore;
    await this.settle(() => firstPages(this.readPage(), Math.max(1, this.shown.length), this.signal));
  }

  private afterReread(): void {
    if (!this.moreWanted) return;
    this.moreWanted = false;
    void this.loadMore();
  }

  /** Runs a read and shows its pages, its error, and that it is loading; nothing once stopped. */
  private async settle(read: () => Promise<CursorPage<T>[]>): Promise<void> {
    this.view.loading(true);
    try {
      const pages = await read();
      if (this.signal.aborted) return;
      this.shown = pages;
      this.view.pages(pages);
    } catch (err) {
      if (!this.signal.aborted) this.view.error(err);
    } finally {
      if (!this.signal.aborted) this.view.loading(false);
    }
  }
}

/** The first `count` pages (fewer when the list ends before). */
async function firstPages<T>(readPage: ReadPage<T>, count: number, signal: AbortSignal): Promise<CursorPage<T>[]> {
  const pages: CursorPage<T>[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < count; i++) {
    const page = await readPage(cursor, signal);
    pages.push(page);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return pages;
}
