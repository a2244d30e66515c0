import type { DraftCart } from './draft-cart';

const DRAFTS = 'drafts';
const PARKED = 'parked';

interface DraftRecord {
  deviceId: string;
  cart: DraftCart;
}

/** A cart set aside with a name while the next customer is served. */
export interface ParkedCart {
  deviceId: string;
  name: string;
  parkedAt: string;
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
  /** This device's parked carts, oldest first. */
  parked(deviceId: string): Promise<ParkedCart[]>;
  /** Parks `parked` and makes `next` the draft, in one transaction: a crash leaves one or the other, never the cart twice. */
  park(parked: ParkedCart, next: DraftCart): Promise<void>;
  /** Takes a parked cart back as the draft, in one transaction. */
  resume(deviceId: string, cartId: string): Promise<DraftCart>;
  close(): void;
}

export function openDraftStore(name: string, idb: IDBFactory = indexedDB): Promise<DraftStore> {
  return new Promise((resolve, reject) => {
    const req = idb.open(name, 2);
    req.onupgradeneeded = (e) => {
      if (e.oldVersion < 1) req.result.createObjectStore(DRAFTS, { keyPath: 'deviceId' });
      if (e.oldVersion < 2) req.result.createObjectStore(PARKED, { keyPath: 'cart.id' });
    };
    req.onsuccess = () => resolve(draftStore(req.result));
    req.onerror = () => reject(req.error ?? new Error(`Could not open ${name}`));
  });
}

function draftStore(db: IDBDatabase): DraftStore {
  let last: Promise<void> = Promise.resolve();
  /** A transaction's end, also awaited by settled(). */
  const queued = (tx: IDBTransaction, failure: string): Promise<void> => {
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error ?? new Error(failure));
    });
    last = Promise.all([last.catch(() => undefined), done]).then(() => undefined);
    // Handled here so a failure nobody waits for is not an unhandled rejection; settled() still reports it.
    last.catch(() => undefined);
    return done;
  };
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
      void queued(tx, 'The cart could not be saved on this tablet.').catch(() => undefined);
    },
    settled: () => last,
    parked: (deviceId) =>
      new Promise((resolve, reject) => {
        const req = db.transaction(PARKED, 'readonly').objectStore(PARKED).getAll();
        req.onsuccess = () =>
          resolve(
            (req.result as ParkedCart[])
              .filter((p) => p.deviceId === deviceId && validCart(p.cart))
              .sort((a, b) => a.parkedAt.localeCompare(b.parkedAt)),
          );
        req.onerror = () => reject(req.error ?? new Error('Could not read the parked carts.'));
      }),
    park(parked, next) {
      const tx = db.transaction([PARKED, DRAFTS], 'readwrite', { durability: 'strict' });
      tx.objectStore(PARKED).put(parked);
      tx.objectStore(DRAFTS).put({ deviceId: parked.deviceId, cart: next } satisfies DraftRecord);
      return queued(tx, 'The cart could not be parked.');
    },
    resume(deviceId, cartId) {
      const tx = db.transaction([PARKED, DRAFTS], 'readwrite', { durability: 'strict' });
      let cart: DraftCart | null = null;
      const req = tx.objectStore(PARKED).get(cartId);
      req.onsuccess = () => {
        const found = req.result as ParkedCart | undefined;
        if (!found || found.deviceId !== deviceId) return tx.abort();
        cart = found.cart;
        tx.objectStore(PARKED).delete(cartId);
        tx.objectStore(DRAFTS).put({ deviceId, cart } satisfies DraftRecord);
      };
      return queued(tx, 'That parked cart is no longer here.').then(() => cart!);
    },
    close: () => db.close(),
  };
}

function validCart(cart: DraftCart | undefined): DraftCart | null {
  if (!cart || typeof cart.id !== 'string' || !Array.isArray(cart.lines)) return null;
  return cart;
}
