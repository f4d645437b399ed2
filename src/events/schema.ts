import { arr, expected, num, obj, opt, pre, record, str, variant, type Infer } from './mini-schema';
import { LIMITS } from './limits';

// One schema is the single source of truth: the TypeScript types below are inferred from it,
// and validate-event.ts checks input against it.
// Loose shop input is normalised as it is checked (the input is never mutated): ids and names
// may be numbers (they become strings) and are trimmed; currency codes are trimmed and
// upper-cased; prices, values and quantities may be numeric strings ("1,299.00", " 12.99").
const trimmed = (x: unknown) => (typeof x === 'string' ? x.trim() : typeof x === 'number' && Number.isFinite(x) ? String(x) : x);
const numeric = (x: unknown) => {
  const n = typeof x === 'string' && x.trim() ? Number(x.trim().replace(/,(?=\d{3}\b)/g, '')) : NaN;
  return Number.isFinite(n) ? n : x;
};
const text = () => opt(str(LIMITS.string));
const name = () => opt(pre(trimmed, str(LIMITS.string)));
const id = () => pre(trimmed, str(LIMITS.string, 1));
const amount = () => pre(numeric, num(0));
const currency = () => pre((x) => (typeof x === 'string' ? x.trim().toUpperCase() : x), str(3, 3, /^[A-Z]{3}$/));
const anyNum = num();
const anyText = str(LIMITS.string);

/** A product as Hearth sees it: only `id` is required. */
export const ItemSchema = obj({
  id: id(),
  name: name(),
  category: name(),
  brand: name(),
  price: opt(amount()),
  currency: opt(currency()),
  quantity: opt(amount()),
});

const itemEvent = { item: ItemSchema, list: text(), position: opt(num(0)) };

/** Every event Hearth accepts, discriminated by `type`. Unknown keys are dropped. */
export const EventSchema = variant('type', {
  page_view: { url: text(), title: text(), referrer: text() },
  product_view: itemEvent,
  click: itemEvent,
  add_to_cart: itemEvent,
  remove_from_cart: itemEvent,
  purchase: { items: arr(ItemSchema, 1, LIMITS.items), value: amount(), currency: currency(), orderId: opt(id()) },
  search: { query: id(), results: opt(num(0)) },
  // rating: 0 (thumbs down) … 5 (thumbs up / five stars).
  rate: { item: ItemSchema, rating: num(0, 5) },
  custom: {
    name: id(),
    item: opt(ItemSchema),
    // Flat values only: nested objects, cycles, functions and bigints are refused here.
    props: opt(record((x) => (typeof x === 'boolean' ? x : typeof x === 'number' ? anyNum(x) : typeof x === 'string' ? anyText(x) : expected('a string, number or boolean', x)), 20)),
  },
});

/** A product reference inside an event. */
export type Item = Infer<typeof ItemSchema>;
/** An event as the host passes it to `track()` (after normalisation). */
export type HearthEvent = Infer<typeof EventSchema>;
/** The name of an event kind: `page_view`, `product_view`, … */
export type EventType = HearthEvent['type'];
/** The event kinds, in a fixed order (used for counts). */
export const EVENT_TYPES: readonly EventType[] = ['page_view', 'product_view', 'click', 'add_to_cart', 'remove_from_cart', 'purchase', 'search', 'rate', 'custom'];

/** An event as stored in IndexedDB: the event plus a unique id, a timestamp and its item ids. */
export type StoredEvent = HearthEvent & {
  /** Unique across tabs (random), so concurrent writers never collide. */
  id: string;
  /** Milliseconds since the epoch when it was tracked. */
  ts: number;
  /** Ids of the items it mentions (indexed, multiEntry). */
  itemIds: string[];
};
