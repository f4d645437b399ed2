import { createRng } from '../data/rng';
import type { LoggedEvent } from './event-log';

/**
 * Synthetic shoppers for training and tests when no real event log is at hand: each has a
 * hidden purchase intent; they browse sessions over a catalog of `items` products in 8
 * categories, revisit what they like, add to cart and sometimes buy — more often with higher
 * intent and after repeated views. Deterministic per seed. Returns per-user events in time order.
 */
export function syntheticShoppers(users: number, seed = 7, items = 200): Map<string, LoggedEvent[]> {
  if (!Number.isInteger(users) || users < 1) throw new RangeError(`users must be a positive integer, got ${users}`);
  const rng = createRng(seed);
  const out = new Map<string, LoggedEvent[]>();
  for (let u = 1; u <= users; u++) {
    const intent = rng.next() ** 2;
    const events: LoggedEvent[] = [];
    let ts = 1_700_000_000_000 + rng.int(30) * 864e5;
    const sessions = 1 + rng.int(4);
    for (let s = 0; s < sessions; s++) {
      const favourite = rng.int(8);
      const viewed: string[] = [];
      const steps = 3 + rng.int(12);
      for (let k = 0; k < steps; k++) {
        ts += 20_000 + rng.int(120_000);
        // Revisit something already seen, or browse the favourite category (mostly) or anything.
        const revisit = viewed.length > 0 && rng.next() < 0.3;
        const cat = rng.next() < 0.7 ? favourite : rng.int(8);
        const item = revisit ? viewed[rng.int(viewed.length)]! : `p${cat * Math.ceil(items / 8) + rng.int(Math.ceil(items / 8)) + 1}`;
        const category = `c${Math.floor((Number(item.slice(1)) - 1) / Math.ceil(items / 8))}`;
        const visits = viewed.filter((v) => v === item).length;
        viewed.push(item);
        events.push({ item, ts, type: 'product_view', category });
        if (rng.next() < 0.15 + 0.5 * intent + 0.1 * visits) {
          ts += 5_000 + rng.int(30_000);
          events.push({ item, ts, type: 'add_to_cart', category });
          if (rng.next() < 0.2 + 0.6 * intent) {
            ts += 30_000 + rng.int(300_000);
            events.push({ item, ts, type: 'purchase', category });
          } else if (rng.next() < 0.3) {
            ts += 10_000;
            events.push({ item, ts, type: 'remove_from_cart', category });
          }
        }
      }
      ts += (1 + rng.int(10)) * 864e5;
    }
    out.set(`u${u}`, events);
  }
  return out;
}
