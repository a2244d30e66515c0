import { indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { DraftCart } from './draft-cart';
import { openDraftStore } from './draft-store';

const cart = (id: string, quantity = 1): DraftCart => ({
  id,
  lines: [
    {
      productId: 'p-pan',
      sku: 'ECO-0002',
      name: 'Pan Integral',
      priceCents: 180,
      taxRateBp: 0,
      quantity,
      discount: null,
      discountReason: '',
    },
  ],
});

const open = (name: string) => openDraftStore(name, indexedDB);

describe('draft store (issue 13: the cart and the parked carts in IndexedDB)', () => {
  it('keeps the last of several quick writes, and settled() waits for them all', async () => {
    const name = `drafts-${Math.random()}`;
    const store = await open(name);
    for (let q = 1; q <= 5; q++) store.save('dev-1', cart('c-1', q));
    await store.settled();
    store.close();
    const reopened = await open(name);
    expect(await reopened.load('dev-1')).toEqual(cart('c-1', 5));
    expect(await reopened.load('dev-2')).toBeNull();
    reopened.close();
  });

  it('parks a cart and makes the next one the draft in one step; resuming moves it back and out of the parked list', async () => {
    const name = `parked-${Math.random()}`;
    const store = await open(name);
    store.save('dev-1', cart('c-1', 2));
    await store.park(
      { deviceId: 'dev-1', name: 'Señora Ruiz', parkedAt: '2026-11-28T10:00:00Z', cart: cart('c-1', 2) },
      {
        id: 'c-2',
        lines: [],
      },
    );
    store.close();
    const reopened = await open(name);
    expect(await reopened.load('dev-1')).toEqual({ id: 'c-2', lines: [] });
    expect((await reopened.parked('dev-1')).map((p) => [p.name, p.cart])).toEqual([['Señora Ruiz', cart('c-1', 2)]]);
    expect(await reopened.parked('dev-2')).toEqual([]);

    expect(await reopened.resume('dev-1', 'c-1')).toEqual(cart('c-1', 2));
    expect(await reopened.load('dev-1')).toEqual(cart('c-1', 2));
    expect(await reopened.parked('dev-1')).toEqual([]);
    // A cart resumed (by another tab) is not there to resume twice, and the draft is left alone.
    await expect(reopened.resume('dev-1', 'c-1')).rejects.toThrow();
    expect(await reopened.load('dev-1')).toEqual(cart('c-1', 2));
    reopened.close();
  });
});
