import { describe, expect, it } from 'vitest';
import { historyFromEvents } from '../../../src/recommend/history-from-events';
import type { StoredEvent } from '../../../src/events/schema';

const ev = (ts: number, type: string, id: string | string[]) =>
  (Array.isArray(id) ? { id: `e${ts}`, ts, type, items: id.map((x) => ({ id: x })), value: 1, currency: 'EUR' } : { id: `e${ts}`, ts, type, item: { id } }) as unknown as StoredEvent;

describe('historyFromEvents', () => {
  it('orders by time and maps kinds; a removed cart item becomes a view', () => {
    const h = historyFromEvents([ev(5, 'purchase', ['c', 'd']), ev(1, 'product_view', 'a'), ev(2, 'add_to_cart', 'b'), ev(3, 'remove_from_cart', 'b'), ev(4, 'add_to_cart', 'a'), ev(6, 'click', 'e')]);
    expect(h).toEqual([
      { itemId: 'a', kind: 'view' }, { itemId: 'b', kind: 'view' }, { itemId: 'a', kind: 'cart' },
      { itemId: 'c', kind: 'purchase' }, { itemId: 'd', kind: 'purchase' }, { itemId: 'e', kind: 'click' },
    ]);
  });

  it('never counts impression or dwell custom events as history; other custom item events stay', () => {
    const custom = (ts: number, name: string, id: string) => ({ id: `c${ts}`, ts, type: 'custom', name, item: { id } }) as unknown as StoredEvent;
    const h = historyFromEvents([
      custom(1, 'impression', 'x'), ev(2, 'product_view', 'a'), custom(3, 'dwell', 'a'), custom(4, 'impression', 'y'),
      ev(5, 'click', 'b'), ev(6, 'add_to_cart', 'b'), ev(7, 'purchase', ['b']), custom(8, 'wishlist', 'c'), custom(9, 'dwell', 'c'),
    ]);
    expect(h).toEqual([
      { itemId: 'a', kind: 'view' }, { itemId: 'b', kind: 'click' }, { itemId: 'b', kind: 'cart' },
      { itemId: 'b', kind: 'purchase' }, { itemId: 'c', kind: 'other' },
    ]);
    expect(historyFromEvents([custom(1, 'impression', 'x'), custom(2, 'dwell', 'x')])).toEqual([]);
  });
});
