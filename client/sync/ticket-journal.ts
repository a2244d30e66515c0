import { receiptNumber } from '../../shared/sale/receipt-number';
import type { SaleRow } from './collections';

const TICKETS = 'tickets';
const FLOORS = 'floors';
const BY_NUMBER = 'number';

function numbered(template: TicketTemplate, deviceSeq: number): SaleRow {
  const { receiptPrefix, deviceNumber, ...sale } = template;
  return { ...sale, deviceSeq, receiptNumber: receiptNumber(receiptPrefix, deviceNumber, deviceSeq) };
}

/** A floor under a device's numbers: those taken outside the journal (RxDB, a bulk reservation, pruned tickets). */
interface Floor {
  deviceId: string;
  lastSeq: number;
}

/** The browser's IndexedDB, or fake-indexeddb's in Node. */
export interface IndexedDbApi {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
}

/** A ticket before it has its number: the sale without deviceSeq and receiptNumber, and what makes the number. */
export type TicketTemplate = Omit<SaleRow, 'deviceSeq' | 'receiptNumber'> & {
  receiptPrefix: string;
  deviceNumber: number;
};

export interface ChargeResult {
  sale: SaleRow;
  /** When the transaction completed (durable), as `performance.timeOrigin + performance.now()`: comparable across the page and a worker. */
  durableAt: number;
}

/** What the POS needs of a journal, whether it runs in the page (Node, tests) or in a worker (the browser: ticket-journal-proxy.ts in the page, ticket-journal-worker-entry.ts in the worker). */
export interface Journal {
  charge(template: TicketTemplate): Promise<ChargeResult>;
  /** Several tickets of one device (an exchange's refund and sale), numbered in order, written whole or not at all. */
  chargeTogether(templates: readonly TicketTemplate[]): Promise<ChargeResult[]>;
  reserve(deviceId: string, count: number): Promise<number>;
  raiseFloor(deviceId: string, lastSeq: number): Promise<number>;
  all(): Promise<SaleRow[]>;
  forget(ids: readonly string[]): Promise<void>;
  close(): void;
}

/**
 * The device's ticket book: a small IndexedDB database beside RxDB's, holding every ticket as it
 * is charged (the most recent ones once they are in RxDB) and a floor for each device's receipt
 * numbers. A ticket is written whole, with its number, by one `strict`-durability transaction
 * (DESIGN invariant 1). A unique index on (device, number) means two tabs can never store the same
 * number (SPEC S1), with no lock.
 *
 * Numbering is optimistic: after its first ticket, a journal knows the next number and charging is
 * a single `add`, as cheap as a bare put. If another tab took that number meanwhile, or the id is
 * already here (a double tap, a retry after a crash), the add fails and aborts, and the ticket is
 * charged again after reading: the existing ticket is returned as it was, or the number after the
 * highest stored is taken.
 *
 * Why not write the ticket through RxDB directly: an RxDB insert costs several milliseconds (its
 * document, change event and meta). The ticket is copied into RxDB right after
 * (`storeJournaledTickets`), and at every start whatever a crash left only here is copied then.
 * In the browser it runs in a worker (ticket-journal-worker-entry.ts): after a tap the page's thread
 * first renders a frame, and IndexedDB's answers to the page would wait behind it.
 */
export class TicketJournal implements Journal {
  /** deviceId → the number this journal expects to be free next. */
  private readonly nextSeq = new Map<string, number>();

  private constructor(
    private readonly idb: IDBDatabase,
    private readonly keyRange: typeof IDBKeyRange,
  ) {}

  static open(idb: IndexedDbApi, name: string): Promise<TicketJournal> {
    return new Promise((resolve, reject) => {
      const req = idb.indexedDB.open(name, 1);
      req.onupgradeneeded = () => {
        const tickets = req.result.createObjectStore(TICKETS, { keyPath: 'id' });
        tickets.createIndex(BY_NUMBER, ['deviceId', 'deviceSeq'], { unique: true });
        req.result.createObjectStore(FLOORS, { keyPath: 'deviceId' });
      };
      req.onsuccess = () => resolve(new TicketJournal(req.result, idb.IDBKeyRange));
      req.onerror = () => reject(req.error ?? new Error(`Could not open ${name}`));
      req.onblocked = () =>
        reject(new Error(`${name} is blocked by an older version open in another tab; close the other tabs.`));
    });
  }

  /**
   * Numbers and stores a ticket and resolves once it is durable. The ticket takes the next number
   * of its device. A ticket whose id is already here is returned as it was written and takes no
   * new number.
   */
  async charge(template: TicketTemplate): Promise<ChargeResult> {
    const guess = this.nextSeq.get(template.deviceId);
    if (guess !== undefined) {
      const fast = await this.addNumbered(template, guess);
      if (fast) return fast;
    }
    // Reads the ticket by id, the device's floor and its highest stored number, then adds, in one transaction.
    return (await this.chargeTogether([template]))[0]!;
  }

  /** One `add` with the expected number; null when the id or the number is taken (nothing written). */
  private addNumbered(template: TicketTemplate, deviceSeq: number): Promise<ChargeResult | null> {
    const sale = numbered(template, deviceSeq);
    return new Promise((resolve, reject) => {
      const tx = this.idb.transaction(TICKETS, 'readwrite', { durability: 'strict' });
      const add = tx.objectStore(TICKETS).add(sale);
      // Commit now: without it IndexedDB commits only after this thread has been told the add
      // succeeded and has nothing more to ask (a round trip, longer when the thread is busy).
      tx.commit?.();
      let taken = false;
      add.onerror = () => {
        taken = add.error?.name === 'ConstraintError';
      };
      tx.oncomplete = () => {
        this.nextSeq.set(sale.deviceId, deviceSeq + 1);
        resolve({ sale, durableAt: performance.timeOrigin + performance.now() });
      };
      tx.onabort = () => {
        this.nextSeq.delete(sale.deviceId);
        if (taken) resolve(null);
        else reject(tx.error ?? add.error ?? new Error('The ticket was not saved (transaction aborted).'));
      };
    });
  }

  /**
   * Numbers and stores several tickets of one device by one transaction (SPEC S14: an exchange's
   * refund and sale): consecutive numbers in the order given, all durable together or none. When
   * the first ticket's id is already here (a retry after a crash), the tickets are returned as
   * they were written and nothing new is taken.
   */
  chargeTogether(templates: readonly TicketTemplate[]): Promise<ChargeResult[]> {
    const deviceId = templates[0]?.deviceId;
    if (!deviceId || templates.some((t) => t.deviceId !== deviceId))
      return Promise.reject(new Error('Tickets charged together belong to one device.'));
    this.nextSeq.delete(deviceId);
    return new Promise((resolve, reject) => {
      const tx = this.idb.transaction([TICKETS, FLOORS], 'readwrite', { durability: 'strict' });
      const tickets = tx.objectStore(TICKETS);
      // Queued before lastTaken's reads, so IndexedDB answers them first.
      const existing = templates.map((t) => tickets.get(t.id));
      let sales: SaleRow[] = [];
      let added = false;
      this.lastTaken(tx, deviceId, (last) => {
        const found = existing.map((r) => r.result as SaleRow | undefined);
        if (found[0]) {
          sales = found.filter((s) => s !== undefined);
          return;
        }
        sales = templates.map((t, i) => numbered(t, last + 1 + i));
        for (const s of sales) tickets.add(s);
        added = true;
      });
      tx.oncomplete = () => {
        // Tickets found as they were say nothing about the next free number.
        if (added) this.nextSeq.set(deviceId, sales.at(-1)!.deviceSeq + 1);
        const durableAt = performance.timeOrigin + performance.now();
        resolve(sales.map((sale) => ({ sale, durableAt })));
      };
      tx.onabort = () => reject(tx.error ?? new Error('The ticket was not saved (transaction aborted).'));
    });
  }

  /**
   * Takes `count` numbers at once, above every ticket here and the floor; resolves with the first.
   * Only the benchmark's bulk backlog uses it, in one tab: another tab's journal that already
   * knows its next number would not see the reservation until it reads again.
   */
  reserve(deviceId: string, count: number): Promise<number> {
    return this.updateFloor(deviceId, (last) => last + count).then((last) => last - count + 1);
  }

  /** Makes the next number of `deviceId` at least `lastSeq + 1` (numbers found elsewhere: RxDB, a pull, pruned tickets). */
  raiseFloor(deviceId: string, lastSeq: number): Promise<number> {
    return this.updateFloor(deviceId, (last) => Math.max(last, lastSeq));
  }

  /** Sets the floor to next(highest number taken so far), in one transaction. */
  private updateFloor(deviceId: string, next: (last: number) => number): Promise<number> {
    this.nextSeq.delete(deviceId);
    return new Promise((resolve, reject) => {
      const tx = this.idb.transaction([TICKETS, FLOORS], 'readwrite', { durability: 'strict' });
      let value = 0;
      this.lastTaken(tx, deviceId, (last) => {
        value = next(last);
        tx.objectStore(FLOORS).put({ deviceId, lastSeq: value } satisfies Floor);
      });
      tx.oncomplete = () => resolve(value);
      tx.onabort = () => reject(tx.error ?? new Error('The receipt numbering was not updated.'));
    });
  }

  /** The highest number of `deviceId` taken so far (its tickets here and its floor), read in `tx`. */
  private lastTaken(tx: IDBTransaction, deviceId: string, then: (last: number) => void): void {
    const floor = tx.objectStore(FLOORS).get(deviceId);
    const highest = tx
      .objectStore(TICKETS)
      .index(BY_NUMBER)
      .openKeyCursor(this.keyRange.bound([deviceId, -Infinity], [deviceId, Infinity]), 'prev');
    highest.onsuccess = () => {
      const top = highest.result ? (highest.result.key as [string, number])[1] : 0;
      then(Math.max(top, (floor.result as Floor | undefined)?.lastSeq ?? 0));
    };
  }

  all(): Promise<SaleRow[]> {
    return new Promise((resolve, reject) => {
      const req = this.idb.transaction(TICKETS, 'readonly').objectStore(TICKETS).getAll();
      req.onsuccess = () => resolve(req.result as SaleRow[]);
      req.onerror = () => reject(req.error ?? new Error('Could not read the ticket journal.'));
    });
  }

  forget(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const tx = this.idb.transaction(TICKETS, 'readwrite');
      const store = tx.objectStore(TICKETS);
      for (const id of ids) store.delete(id);
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error ?? new Error('Could not prune the ticket journal.'));
    });
  }

  close(): void {
    this.idb.close();
  }
}

/** Opens journals in the calling thread, on the IndexedDB given (Node simulations and tests). */
export function inThisThread(idb: IndexedDbApi): (name: string) => Promise<Journal> {
  return (name) => TicketJournal.open(idb, name);
}
