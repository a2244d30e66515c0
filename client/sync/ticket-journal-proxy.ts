import type { ChargeResult, Journal, TicketTemplate } from './ticket-journal';
import type { JournalOp, JournalReply, JournalRequest } from './ticket-journal-worker-entry';
import type { SaleRow } from './collections';

/**
 * The page's side of the browser's ticket journal: starts the dedicated worker that runs the
 * TicketJournal (ticket-journal-worker-entry.ts) and forwards each call to it as a message.
 */
export async function openWorkerJournal(name: string): Promise<Journal> {
  const worker = new Worker(new URL('./ticket-journal-worker-entry.ts', import.meta.url), {
    type: 'module',
    name: 'ticket-journal',
  });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextCall = 1;
  let broken: Error | null = null;
  worker.onmessage = (e: MessageEvent<JournalReply>) => {
    const reply = e.data;
    const w = waiting.get(reply.call);
    waiting.delete(reply.call);
    if ('error' in reply) w?.reject(new Error(reply.error));
    else w?.resolve(reply.result);
  };
  worker.onerror = (e) => {
    broken = new Error(`The ticket journal stopped: ${e.message || 'its worker failed to load'}. Reload the app.`);
    for (const w of waiting.values()) w.reject(broken);
    waiting.clear();
  };
  const call = <T>(op: JournalOp, ...args: unknown[]): Promise<T> => {
    if (broken) return Promise.reject(broken);
    return new Promise<T>((resolve, reject) => {
      const request: JournalRequest = { call: nextCall++, op, args };
      waiting.set(request.call, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage(request);
    });
  };
  await call('open', name);
  return {
    charge: (template: TicketTemplate) => call<ChargeResult>('charge', template),
    chargeTogether: (templates: readonly TicketTemplate[]) => call<ChargeResult[]>('chargeTogether', templates),
    reserve: (deviceId: string, count: number) => call<number>('reserve', deviceId, count),
    raiseFloor: (deviceId: string, lastSeq: number) => call<number>('raiseFloor', deviceId, lastSeq),
    all: () => call<SaleRow[]>('all'),
    forget: (ids: readonly string[]) => call<void>('forget', ids),
    close: () => worker.terminate(),
  };
}
