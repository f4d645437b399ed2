import * as v from 'valibot';
import { LIMITS } from './limits';

// One schema is the single source of truth: the TypeScript types below are inferred from it,
// and validate-event.ts checks input against it.
const str = v.pipe(v.string(), v.maxLength(LIMITS.string, `is longer than ${LIMITS.string} characters`));
const id = v.pipe(v.string(), v.minLength(1, 'is empty'), v.maxLength(LIMITS.string, `is longer than ${LIMITS.string} characters`));
const num = v.pipe(v.number(), v.finite('is not a finite number'));
const money = v.pipe(num, v.minValue(0, 'is negative'));
const currency = v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'is not a 3-letter currency code'));

/** A product as Hearth sees it: only `id` is required. */
export const ItemSchema = v.object({
  id,
  name: v.optional(str),
  category: v.optional(str),
  brand: v.optional(str),
  price: v.optional(money),
  currency: v.optional(currency),
  quantity: v.optional(v.pipe(num, v.minValue(0, 'is negative'))),
});

const itemEvent = <T extends string>(type: T) => v.object({ type: v.literal(type), item: ItemSchema, list: v.optional(str), position: v.optional(num) });

/** Every event Hearth accepts, discriminated by `type`. Unknown keys are dropped. */
export const EventSchema = v.variant('type', [
  v.object({ type: v.literal('page_view'), url: v.optional(str), title: v.optional(str), referrer: v.optional(str) }),
  itemEvent('product_view'),
  itemEvent('click'),
  itemEvent('add_to_cart'),
  itemEvent('remove_from_cart'),
  v.object({
    type: v.literal('purchase'),
    items: v.pipe(v.array(ItemSchema), v.minLength(1, 'is empty'), v.maxLength(LIMITS.items, `has more than ${LIMITS.items} items`)),
    value: money,
    currency,
    orderId: v.optional(id),
  }),
  v.object({ type: v.literal('search'), query: id, results: v.optional(num) }),
  // rating: 0 (thumbs down) … 5 (thumbs up / five stars).
  v.object({ type: v.literal('rate'), item: ItemSchema, rating: v.pipe(num, v.minValue(0, 'is below 0'), v.maxValue(5, 'is above 5')) }),
  v.object({
    type: v.literal('custom'),
    name: id,
    item: v.optional(ItemSchema),
    props: v.optional(v.record(v.string(), v.union([str, num, v.boolean()]))),
  }),
]);

/** A product reference inside an event. */
export type Item = v.InferOutput<typeof ItemSchema>;
/** An event as the host passes it to `track()` (after normalisation). */
export type HearthEvent = v.InferOutput<typeof EventSchema>;
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
