import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PagedReader, type CursorPage } from './paged-reader';

/** A server list of `items`, three a page, each page answered after `ms`; `items` may change between reads. */
function serverList(ms: number) {
  const list = {
    items: ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
    reads: [] as (string | undefined)[],
    inFlight: 0,
    most: 0,
  };
  const readPage = async (cursor: string | undefined): Promise<CursorPage<string>> => {
    list.reads.push(cursor);
    list.inFlight += 1;
    list.most = Math.max(list.most, list.inFlight);
    await new Promise((resolve) => setTimeout(resolve, ms));
    list.inFlight -= 1;
    const from = Number(cursor ?? 0);
    const next = from + 3 < list.items.length ? String(from + 3) : null;
    return { items: list.items.slice(from, from + 3), nextCursor: next };
  };
  return { list, readPage };
}

function screen() {
  const shown = { pages: [] as CursorPage<string>[], updates: 0, errors: [] as unknown[] };
  const view = {
    pages: (pages: CursorPage<string>[]) => {
      shown.pages = pages;
      shown.updates += 1;
    },
    error: (err: unknown) => shown.errors.push(err),
    loading: () => undefined,
  };
  return { shown, view, items: () => shown.pages.flatMap((p) => p.items) };
}

type Read = (cursor: string | undefined) => Promise<CursorPage<string>>;

/** A reader of `serverList(ms)` (through `wrap`, when given) onto a screen, started: its first page comes after `ms`. */
function started(ms: number, wrap: (read: Read) => Read = (read) => read) {
  const server = serverList(ms);
  const onScreen = screen();
  const reader = new PagedReader(() => wrap(server.readPage), onScreen.view, 80);
  reader.start();
  return { list: server.list, ...onScreen, reader };
}

describe('PagedReader', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a change while the next page is on its way re-reads after it, with that page included', async () => {
    const { list, items, reader } = started(100);
    await vi.advanceTimersByTimeAsync(100);
    expect(items()).toEqual(['a', 'b', 'c']);

    const more = reader.loadMore();
    list.items[0] = 'A';
    reader.changed();
    await vi.advanceTimersByTimeAsync(100);
    await more;
    expect(items()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(items()).toEqual(['A', 'b', 'c', 'd', 'e', 'f']);
    expect(list.most).toBe(1);
    reader.stop();
  });

  it('a next page asked for during a re-read is read right after it, not dropped', async () => {
    const { list, items, reader } = started(100);
    await vi.advanceTimersByTimeAsync(100);
    reader.changed();
    await vi.advanceTimersByTimeAsync(90);
    await reader.loadMore();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(items()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(list.most).toBe(1);
    reader.stop();
  });

  it('stopped (another filter, or the page left), it shows nothing more of what it was reading', async () => {
    const { shown, reader } = started(100);
    await vi.advanceTimersByTimeAsync(50);
    reader.stop();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(shown.updates).toBe(0);
  });

  it('a failed re-read shows its error and keeps the pages already shown', async () => {
    let fail = false;
    const { shown, items, reader } = started(10, (read) => async (cursor) => {
      if (fail) throw new Error('sin conexión');
      return read(cursor);
    });
    await vi.advanceTimersByTimeAsync(10);
    fail = true;
    reader.changed();
    await vi.advanceTimersByTimeAsync(200);
    expect(shown.errors).toHaveLength(1);
    expect(items()).toEqual(['a', 'b', 'c']);
    reader.stop();
  });
});
