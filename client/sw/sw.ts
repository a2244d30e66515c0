/// <reference lib="webworker" />
import { Queue } from 'workbox-background-sync';
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import type { PushedCollection } from '../../shared/protocol/replicated-collections';
import { replayKept, sendOrKeep } from './push-queue';
import { PUSH_ANSWER_MESSAGE } from './sw-messages';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

// The app shell: every built file, so the POS cold-starts with no network (DESIGN invariant 9).
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('/pos/index.html'), { allowlist: [/^\/pos(\/|$)/] }));

/**
 * The pushed collections of shared/protocol's table. Listed here rather than imported because the
 * table brings zod and every schema with it (sw.js 8.7 → 34 KB gzipped); `satisfies` makes the
 * build fail when this list and the table's pushed collections differ.
 */
const PUSHED = {
  products: true,
  sales: true,
  counts: true,
  shiftevents: true,
  transferreceipts: true,
} as const satisfies Record<PushedCollection, true>;
const SYNC_PUSH_PATH = new RegExp(`^/api/sync/v1/(${Object.keys(PUSHED).join('|')})/\\d+/push$`);

/**
 * A replayed push's detailed answer (acks and refusals) goes to the open POS pages, which record it
 * at once: without it the page would learn of the delivery only by sending again, and a collection
 * no pull brings back (shift events, counts) would look pending until then.
 */
async function tellPages(res: Response): Promise<void> {
  const body: unknown = await res.json().catch(() => null);
  if (body === null) return;
  for (const page of await self.clients.matchAll({ type: 'window', includeUncontrolled: true }))
    page.postMessage({ type: PUSH_ANSWER_MESSAGE, body });
}

/**
 * Pushes of every pushed collection that fail for want of a network are kept here and replayed by
 * the browser's Background Sync, at the next start where it has none, or when the page asks. The
 * replay sends the request as it was kept, with the POS's header asking for the detailed answer.
 * Replays are safe: the server's ingest is idempotent. A request the server answers (even with an
 * error) is done; the page learns the outcome from its next pull and re-sends whatever is still
 * unacknowledged. A push sent or replayed here is bounded in time like the page's own
 * (push-queue.ts). The queue keeps its first name so requests queued by an earlier version are
 * still replayed.
 */
const salesQueue = new Queue('ecomarket-sales-push', {
  maxRetentionTime: 7 * 24 * 60,
  onSync: ({ queue }) => replayKept(queue, tellPages),
});

registerRoute(
  ({ url, request }) => request.method === 'POST' && SYNC_PUSH_PATH.test(url.pathname),
  ({ request }) => sendOrKeep(request, salesQueue),
  'POST',
);

self.addEventListener('message', (event) => {
  const type = (event.data as { type?: string } | null)?.type;
  if (type === 'SKIP_WAITING') void self.skipWaiting();
  if (type === 'REPLAY_SALES') event.waitUntil(replayKept(salesQueue, tellPages).catch(() => undefined));
});

// First install takes the open POS at once; later versions wait for the cashier (SKIP_WAITING).
clientsClaim();
