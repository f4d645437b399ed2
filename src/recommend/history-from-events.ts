import type { StoredEvent } from '../events/schema';
import type { HistoryEntry } from '../protocol';

/**
 * The shopper's item history, oldest first, from stored events: product views and clicks as
 * `view`/`click`, cart adds as `cart` (undone by a later remove_from_cart, which makes them a
 * view), purchased items as `purchase`, rated/custom item events as `other`. Pure.
 */
export function historyFromEvents(events: readonly StoredEvent[]): HistoryEntry[] {
  const sorted = [...events].sort((a, b) => a.ts - b.ts);
  const out: HistoryEntry[] = [];
  const lastCart = new Map<string, number>();
  for (const e of sorted) {
    switch (e.type) {
      case 'product_view': out.push({ itemId: e.item.id, kind: 'view' }); break;
      case 'click': out.push({ itemId: e.item.id, kind: 'click' }); break;
      case 'add_to_cart': lastCart.set(e.item.id, out.length); out.push({ itemId: e.item.id, kind: 'cart' }); break;
      case 'remove_from_cart': {
        const at = lastCart.get(e.item.id);
        if (at !== undefined) { out[at] = { itemId: e.item.id, kind: 'view' }; lastCart.delete(e.item.id); }
        break;
      }
      case 'purchase': for (const it of e.items) out.push({ itemId: it.id, kind: 'purchase' }); break;
      case 'rate': out.push({ itemId: e.item.id, kind: 'other' }); break;
      case 'custom': if (e.item) out.push({ itemId: e.item.id, kind: 'other' }); break;
      default: break;
    }
  }
  return out;
}
