import { checkEventFields, checkItem } from './check-fields';
import { EVENT_FIELDS, ITEM_FIELDS } from './event-fields';

// The event rules are data (src/events/event-fields.ts), interpreted by one small checker
// (src/events/check-fields.ts); the TypeScript types below are derived from the same data, and
// validate-event.ts checks input with it. Loose shop input is normalised as it is checked (the
// input is never mutated): ids and names may be numbers (they become strings) and are trimmed;
// currency codes are trimmed and upper-cased; prices, values and quantities may be numeric
// strings ("1,299.00", " 12.99").

/** Returns the clean value or throws a SchemaIssue (src/events/check-fields.ts). */
export type Check<T> = (x: unknown) => T;

type Flat<T> = { [K in keyof T]: T[K] } & {};
// What each rule code produces.
type Scalars = { t: string; n: string; i: string; a: number; c: string; p: number; r: number };
// The object type of a field table: fields whose rule ends in '?' are optional.
type Fields<S, R> = Flat<
  { -readonly [K in keyof S as S[K] extends `${string}?` ? never : K]: R[S[K] & keyof R] } &
  { -readonly [K in keyof S as S[K] extends `${string}?` ? K : never]?: S[K] extends `${infer C}?` ? R[C & keyof R] : never }
>;

/** A product reference inside an event. */
export type Item = Fields<typeof ITEM_FIELDS, Scalars>;
type Rules = Scalars & { I: Item; L: Item[]; P: Record<string, string | number | boolean> };
type Kinds = typeof EVENT_FIELDS;
/** An event as the host passes it to `track()` (after normalisation). */
export type HearthEvent = { [T in keyof Kinds]: Flat<{ type: T } & Fields<Kinds[T], Rules>> }[keyof Kinds];
/** The name of an event kind: `page_view`, `product_view`, … */
export type EventType = HearthEvent['type'];

/** A product as Hearth sees it: returns the clean item or throws a SchemaIssue naming the field. Only `id` is required. */
export const ItemSchema = checkItem as Check<Item>;
/** Every event Hearth accepts, discriminated by `type`: returns the clean event or throws a SchemaIssue naming the field. Unknown keys are dropped. */
export const EventSchema = checkEventFields as Check<HearthEvent>;

/** The event kinds, in a fixed order (used for counts). */
export const EVENT_TYPES: readonly EventType[] = ['page_view', 'product_view', 'click', 'add_to_cart', 'remove_from_cart', 'purchase', 'search', 'rate', 'custom'];

/** An event as stored in IndexedDB: the event plus a unique id and a timestamp. */
export type StoredEvent = HearthEvent & {
  /** Unique across tabs (random), so concurrent writers never collide. */
  id: string;
  /** Milliseconds since the epoch when it was tracked. */
  ts: number;
};
