import { Workbox } from 'workbox-window';
import { BehaviorSubject } from 'rxjs';
import { PUSH_ANSWER_MESSAGE } from '../sw/sw-messages';

/**
 * DESIGN invariant 9: a new service worker waits. The POS offers the update only with an empty
 * cart, and only the cashier's tap activates it and reloads.
 */
export const updateWaiting$ = new BehaviorSubject(false);
let workbox: Workbox | null = null;
/** The cashier tapped "update now": the next change of controller is ours to reload for. */
let accepted = false;

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  workbox = new Workbox('/sw.js', { scope: '/' });
  workbox.addEventListener('waiting', () => updateWaiting$.next(true));
  // Not workbox's isUpdate: it is false all through the first session after install, and an update
  // found in that session must still apply. Only the cashier's tap (accepted) reloads.
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (accepted) window.location.reload();
  });
  void workbox.register();
  // Look for a new version now and then; it is only offered, never forced.
  setInterval(() => void workbox?.update(), 60 * 60 * 1000);
}

export function applyUpdate(): void {
  accepted = true;
  workbox?.messageSkipWaiting();
}

/**
 * Calls `handler` with the answer of each push the service worker replays from its queue (sw.ts);
 * returns the function that stops listening.
 */
export function onReplayedPushAnswer(handler: (body: unknown) => void): () => void {
  const sw = navigator.serviceWorker;
  if (!sw) return () => undefined;
  const listener = (event: MessageEvent) => {
    const data = event.data as { type?: string; body?: unknown } | null;
    if (data?.type === PUSH_ANSWER_MESSAGE) handler(data.body);
  };
  sw.addEventListener('message', listener);
  return () => sw.removeEventListener('message', listener);
}

/** Ask the service worker to replay the sales it queued while offline. */
export function replayQueuedSales(): void {
  navigator.serviceWorker?.controller?.postMessage({ type: 'REPLAY_SALES' });
}

export async function askForUpdateCheck(): Promise<void> {
  await workbox?.update();
}
