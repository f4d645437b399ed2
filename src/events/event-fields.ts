// The event rules as data: which fields each event kind has and the rule each field follows.
// One small interpreter (src/events/check-fields.ts) applies them, and the TypeScript types of
// events (src/events/schema.ts) are derived from them, so the rules exist once.
//
// Rule codes ('?' after the code: the field may be absent or undefined):
//   t  text: a string of at most LIMITS.string characters, kept as given (urls, titles, lists)
//   n  name: like t, but a number becomes a string and strings are trimmed
//   i  id: like n, and not empty
//   a  amount: a finite number ≥ 0; numeric strings ("1,299.00", " 12.99") become numbers
//   c  currency: a string trimmed and upper-cased, three letters A-Z
//   p  a finite number ≥ 0 (positions, result counts)
//   r  rating: a finite number in [0, 5] (0 thumbs down … 5 thumbs up / five stars)
//   I  an item (ITEM_FIELDS)
//   L  1 … LIMITS.items items
//   P  props: up to 20 keys of flat values (boolean, finite number, string as t); nested
//      objects, cycles, functions and bigints are refused
// Unknown keys are dropped and the input is never mutated.

/** The fields of a product reference: only `id` is required. */
export const ITEM_FIELDS = { id: 'i', name: 'n?', category: 'n?', brand: 'n?', price: 'a?', currency: 'c?', quantity: 'a?' } as const;

const ITEM_EVENT = { item: 'I', list: 't?', position: 'p?' } as const;

/** The fields of every event kind Hearth accepts (the `type` field picks one). */
export const EVENT_FIELDS = {
  page_view: { url: 't?', title: 't?', referrer: 't?' },
  product_view: ITEM_EVENT,
  click: ITEM_EVENT,
  add_to_cart: ITEM_EVENT,
  remove_from_cart: ITEM_EVENT,
  purchase: { items: 'L', value: 'a', currency: 'c', orderId: 'i?' },
  search: { query: 'i', results: 'p?' },
  rate: { item: 'I', rating: 'r' },
  custom: { name: 'i', item: 'I?', props: 'P?' },
} as const;

/** Field name → rule code, as in ITEM_FIELDS and EVENT_FIELDS. */
export type FieldRules = Readonly<Record<string, string>>;
