import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { replayKept, sendOrKeep, SW_PUSH_TIMEOUT_MS, type KeptPush, type PushQueue } from './push-queue';

/** A queue in memory, as workbox-background-sync's keeps it in IndexedDB. */
function memoryQueue(...urls: string[]): PushQueue & { kept: KeptPush[] } {
  const kept: KeptPush[] = urls.map((url) => ({ request: new Request(url, { method: 'POST', body: url }) }));
  return {
    kept,
    pushRequest: async (entry) => void kept.push(entry),
    shiftRequest: async () => kept.shift(),
    unshiftRequest: async (entry) => void kept.unshift(entry),
  };
}

/** A server that took the request and never answers, and does not heed the abort either. */
const hangs = () => new Promise<Response>(() => undefined);

describe("the service worker's pushes", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('gives up a replay that gets no answer, keeps the push at the head of the queue, and replays it later', async () => {
    const queue = memoryQueue('https://central/api/sync/v1/sales/5/push', 'https://central/api/sync/v1/counts/5/push');
    const answered = vi.fn(async () => undefined);
    const replay = replayKept(queue, answered, hangs);
    const outcome = expect(replay).rejects.toThrow(/no answer/);
    await vi.advanceTimersByTimeAsync(SW_PUSH_TIMEOUT_MS);
    await outcome;
    expect(queue.kept.map((k) => k.request.url)).toEqual([
      'https://central/api/sync/v1/sales/5/push',
      'https://central/api/sync/v1/counts/5/push',
    ]);
    expect(answered).not.toHaveBeenCalled();

    const sent: string[] = [];
    await replayKept(queue, answered, async (request) => {
      sent.push(`${request.url} ${await request.text()}`);
      return new Response('{"acks":[]}', { status: 200 });
    });
    expect(sent).toEqual([
      'https://central/api/sync/v1/sales/5/push https://central/api/sync/v1/sales/5/push',
      'https://central/api/sync/v1/counts/5/push https://central/api/sync/v1/counts/5/push',
    ]);
    expect(queue.kept).toEqual([]);
    expect(answered).toHaveBeenCalledTimes(2);
  });

  it('stops a replay at a server error and keeps the push', async () => {
    const queue = memoryQueue('https://central/api/sync/v1/sales/5/push');
    await expect(
      replayKept(
        queue,
        async () => undefined,
        async () => new Response('', { status: 503 }),
      ),
    ).rejects.toThrow(/503/);
    expect(queue.kept).toHaveLength(1);
  });

  it("keeps a page's push that gets no answer in time and tells the page it is queued", async () => {
    const queue = memoryQueue();
    const request = new Request('https://central/api/sync/v1/sales/5/push', { method: 'POST', body: '{"docs":[]}' });
    const answer = sendOrKeep(request, queue, hangs);
    await vi.advanceTimersByTimeAsync(SW_PUSH_TIMEOUT_MS);
    const res = await answer;
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ queued: true });
    expect(queue.kept).toHaveLength(1);
    expect(await queue.kept[0]!.request.text()).toBe('{"docs":[]}');
  });

  it("passes the server's answer through and keeps nothing", async () => {
    const queue = memoryQueue();
    const request = new Request('https://central/api/sync/v1/sales/5/push', { method: 'POST', body: '{}' });
    const res = await sendOrKeep(request, queue, async () => new Response('{"acks":[]}', { status: 200 }));
    expect(res.status).toBe(200);
    expect(queue.kept).toEqual([]);
  });
});
