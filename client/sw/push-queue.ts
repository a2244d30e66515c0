import { DEFAULT_SYNC_TIMEOUTS, withDeadline } from '../sync/request-deadline';

/** A kept push, as workbox-background-sync's Queue holds it. */
export interface KeptPush {
  request: Request;
}

/** What the service worker needs of workbox-background-sync's Queue. */
export interface PushQueue {
  pushRequest(entry: KeptPush): Promise<void>;
  shiftRequest(): Promise<KeptPush | undefined>;
  unshiftRequest(entry: KeptPush): Promise<void>;
}

/**
 * The service worker's bound on one push, sent or replayed: a server that took the request and
 * never answered, or a connection dead half-open, would otherwise hold a replay (and the queue
 * behind it) until the browser stops the worker. A little over the page's own bound
 * (request-deadline.ts), so the page, waiting on this push, gives up first.
 */
export const SW_PUSH_TIMEOUT_MS = DEFAULT_SYNC_TIMEOUTS.pushMs + 5_000;

/** How a push goes to the server; tests give their own. */
type SendPush = (request: Request, signal: AbortSignal) => Promise<Response>;
const sendOverNetwork: SendPush = (request, signal) => fetch(request, { signal });

/**
 * Sends a page's push; when it fails for want of a network (or an answer in time), keeps a copy for
 * Background Sync to replay and tells the page it is queued (202). A push that timed out may have
 * been stored already: its replay is safe, the server's ingest being idempotent.
 */
export async function sendOrKeep(
  request: Request,
  queue: PushQueue,
  send: SendPush = sendOverNetwork,
): Promise<Response> {
  const copy = request.clone();
  try {
    return await withDeadline(`POST ${request.url}`, SW_PUSH_TIMEOUT_MS, (signal) => send(request, signal));
  } catch {
    await queue.pushRequest({ request: copy });
    return new Response(JSON.stringify({ queued: true }), {
      status: 202,
      headers: { 'content-type': 'application/json' },
    });
  }
}

/**
 * Sends the kept requests in order. A request the server answered is done, and its detailed answer
 * (acks and refusals) is handed to `answered` for the open POS pages. One that fails, gets a 5xx or
 * no answer in time goes back to the head of the queue, and the replay stops there (Background Sync
 * tries again later).
 */
export async function replayKept(
  queue: PushQueue,
  answered: (res: Response) => Promise<void>,
  send: SendPush = sendOverNetwork,
): Promise<void> {
  let entry;
  while ((entry = await queue.shiftRequest())) {
    const kept = entry;
    let res: Response;
    try {
      res = await withDeadline(`POST ${kept.request.url}`, SW_PUSH_TIMEOUT_MS, (signal) =>
        send(kept.request.clone(), signal),
      );
      if (res.status >= 500) throw new Error(`server answered ${res.status}`);
    } catch (err) {
      await queue.unshiftRequest(kept);
      throw err;
    }
    if (res.ok) await answered(res);
  }
}
