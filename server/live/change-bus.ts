import { EventEmitter } from 'node:events';

export interface ChangeEvent {
  seq: number;
  collections: ('products' | 'stock' | 'sales' | 'otherstock' | 'cashiers' | 'settings' | 'transfers' | 'conflicts')[];
  /** Locations whose stock changed; empty when none did. */
  locationIds: string[];
  /** Branches whose devices must re-pull a branch collection (cashiers, settings, sales); absent: decided by locationIds. */
  branchIds?: string[];
}

/**
 * In-process fan-out of committed changes to live streams. Published only after commit, so a
 * listener that pulls on an event always finds the change.
 */
export class ChangeBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(event: ChangeEvent): void {
    this.emitter.emit('change', event);
  }

  subscribe(listener: (event: ChangeEvent) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }
}
