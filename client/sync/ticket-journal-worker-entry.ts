import { TicketJournal, type Journal } from './ticket-journal';

/**
 * What runs inside the ticket journal's worker in the browser (see ticket-journal.ts for why); the
 * page talks to it through ticket-journal-proxy.ts. Messages:
 * `{ call, op, args }` → `{ call, result }` or `{ call, error }`; the first op must be `open`.
 */
export type JournalOp = Exclude<keyof Journal, 'close'> | 'open';
export interface JournalRequest {
  call: number;
  op: JournalOp;
  args: unknown[];
}
export type JournalReply = { call: number; result: unknown } | { call: number; error: string };

const scope = globalThis as unknown as {
  postMessage(message: JournalReply): void;
  onmessage: ((e: MessageEvent<JournalRequest>) => void) | null;
};
let journal: Promise<TicketJournal> | null = null;

scope.onmessage = (e) => {
  const { call, op, args } = e.data;
  const run = async (): Promise<unknown> => {
    if (op === 'open') {
      journal ??= TicketJournal.open({ indexedDB, IDBKeyRange }, args[0] as string);
      await journal;
      return null;
    }
    if (!journal) throw new Error('The ticket journal was not opened.');
    const j = await journal;
    return (j[op] as (...a: unknown[]) => Promise<unknown>).apply(j, args);
  };
  run().then(
    (result) => scope.postMessage({ call, result }),
    (err: unknown) => scope.postMessage({ call, error: err instanceof Error ? err.message : String(err) }),
  );
};
