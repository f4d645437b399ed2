/**
 * Normalises loosely typed input into the schema's shape, without mutating it: numeric ids
 * become strings, numeric-string prices/values become numbers, currency codes are trimmed and
 * upper-cased, strings are trimmed. Anything it does not recognise is passed through unchanged
 * for the schema to judge. Pure.
 */
export function normaliseEvent(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...input };
  if (typeof out.type === 'string') out.type = out.type.trim().toLowerCase();
  for (const k of ['orderId', 'query', 'name'] as const) out[k] = asId(out[k]);
  out.value = asNumber(out.value);
  out.currency = asCurrency(out.currency);
  if (isObject(out.item)) out.item = normaliseItem(out.item);
  if (Array.isArray(out.items)) out.items = out.items.map((i) => (isObject(i) ? normaliseItem(i) : i));
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

/** Normalises one item (see normaliseEvent). Pure. */
export function normaliseItem(item: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...item, id: asId(item.id), price: asNumber(item.price), currency: asCurrency(item.currency), quantity: asNumber(item.quantity) };
  for (const k of ['name', 'category', 'brand'] as const) if (typeof out[k] === 'string') out[k] = (out[k] as string).trim();
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const asId = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? String(x) : typeof x === 'string' ? x.trim() : x);
// "1,299.00" and "12.99 " are common in shop markup; anything else is left for the schema to reject.
const asNumber = (x: unknown) => {
  if (typeof x !== 'string') return x;
  const n = Number(x.trim().replace(/,(?=\d{3}\b)/g, ''));
  return x.trim() !== '' && Number.isFinite(n) ? n : x;
};
const asCurrency = (x: unknown) => (typeof x === 'string' ? x.trim().toUpperCase() : x);
