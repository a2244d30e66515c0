import type { DraftCart } from './draft-cart';

const DRAFTS = 'drafts';

interface DraftRecord {
  deviceId: string;
  cart: DraftCart;
}

/**
 * Where the cart being rung up lives between taps: IndexedDB with `strict` durability, like the
 * ticket journal. localStorage loses what was written up to seconds before the browser dies, so a
 * cart kept there could come back older than the one charged, or not at all.
 *
 * The record is replaced, never deleted, when its cart is charged: at the next start the cart's id
 * is looked up in the ticket journal, which alone says whether it was charged (see use-checkout.ts).
 */
export interface DraftStore {
  load(deviceId: string): Promise<DraftCart | null>;
  /** Queues the write; writes land in the order they were made. */
  save(deviceId: string, cart: DraftCart): void;
  /** Resolves once every write made so far is durable; rejects if one of them failed. */
  settled(): Promise<void>;
  close(): void;
}

export function openDraftStore(name: string, idb: IDBFactory = indexedDB): Promise<DraftStore> {
  return new Promise((resolve, reject) => {
    const req = idb.open(name, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(DRAFTS, { keyPath: 'deviceId' });
    req.onsuccess = () => resolve(draftStore(req.result));
    req.onerror = () => reject(req.error ?? new Error(`Could not open ${name}`));
  });
}

function draftStore(db: IDBDatabase): DraftStore {
  let last: Promise<void> = Promise.resolve();
  return {
    load: (deviceId) =>
      new Promise((resolve, reject) => {
        const req = db.transaction(DRAFTS, 'readonly').objectStore(DRAFTS).get(deviceId);
        req.onsuccess = () => resolve(validCart((req.result as DraftRecord | undefined)?.cart));
        req.onerror = () => reject(req.error ?? new Error('Could not read the cart.'));
      }),
    save(deviceId, cart) {
      // The transaction is created now, so IndexedDB commits the writes in this order.
      const tx = db.transaction(DRAFTS, 'readwrite', { durability: 'strict' });
      tx.objectStore(DRAFTS).put({ deviceId, cart } satisfies DraftRecord);
      const done = new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onabort = () => reject(tx.error ?? new Error('The cart could not be saved on this tablet.'));
      });
      last = Promise.all([last.catch(() => undefined), done]).then(() => undefined);
    },
    settled: () => last,
    close: () => db.close(),
  };
}

function validCart(cart: DraftCart | undefined): DraftCart | null {
  if (!cart || typeof cart.id !== 'string' || !Array.isArray(cart.lines)) return null;
  return cart;
}
