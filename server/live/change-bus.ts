import { EventEmitter } from 'node:events';

/**
 * Every collection a change can name. Tablets replicate those of shared/protocol's table and ignore
 * the rest; consoles re-read the views that show any of them.
 */
export const CHANGE_COLLECTIONS = [
  'products',
  'stock',
  'sales',
  'otherstock',
  'cashiers',
  'settings',
  'transfers',
  'conflicts',
  'reconciliation',
  'shifts',
  /** A device's status report, name or revocation: for consoles' fleet boards. */
  'devices',
  /** Stock counts run from the console (sheets, approvals). */
  'stocktakes',
  /** A product's reorder minimum and maximum (low stock, suggested resupply). */
  'stockrules',
  /** Scheduled price changes: scheduled, cancelled, applied. */
  'prices',
  /** Console accounts: created, changed, disabled, password reset. */
  'managers',
] as const;
export type ChangeCollection = (typeof CHANGE_COLLECTIONS)[number];

export interface ChangeEvent {
  seq: number;
  collections: ChangeCollection[];
  /** Locations whose stock changed; empty when none did. */
  locationIds: string[];
  /** Branches whose devices must re-pull a branch collection (cashiers, settings, sales); absent: decided by locationIds. */
  branchIds?: string[];
}

export type ChangeListener = (event: ChangeEvent) => void;

/**
 * Fan-out of committed changes to live streams (device SSE, console SSE). Callers publish only
 * after their transaction committed, so a listener that pulls on an event always finds the
 * change. This one is in-process (SQLite, one server); PgChangeBus (pg-change-bus.ts) also
 * carries events between server instances sharing one PostgreSQL database.
 */
export class ChangeBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(event: ChangeEvent): void {
    this.deliver(event);
  }

  subscribe(listener: ChangeListener): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  /** Stops whatever the bus runs in the background; the in-process bus runs nothing. */
  async close(): Promise<void> {}

  /** Hands an event to this instance's subscribers; one failing listener does not starve the others. */
  protected deliver(event: ChangeEvent): void {
    for (const listener of this.emitter.listeners('change') as ChangeListener[]) {
      try {
        listener(event);
      } catch (err) {
        console.error(`change listener failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
}
