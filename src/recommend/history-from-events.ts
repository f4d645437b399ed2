import type { StoredEvent } from '../events/schema';
import type { HistoryEntry } from '../protocol';

/** Custom event names the autocapture emits for things the shopper did not choose. */
const PASSIVE_CUSTOM: ReadonlySet<string> = new Set(['impression', 'dwell']);

/**
 * The shopper's item history, oldest first, from stored events: product views and clicks as
 * `view`/`click`, cart adds as `cart` (undone by a later remove_from_cart, which makes them a
 * view), purchased items as `purchase`, rated/custom item events as `other`. Passive custom
 * signals (`impression`: a tile was merely shown; `dwell`: time on a product page, already
 * counted by its product_view) are never history. Pure.
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
      case 'custom': if (e.item && !PASSIVE_CUSTOM.has(e.name)) out.push({ itemId: e.item.id, kind: 'other' }); break;
      default: break;
    }
  }
  return out;
}
