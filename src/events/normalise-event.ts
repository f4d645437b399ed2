/**
 * Normalises loosely typed input into the schema's shape, without mutating it: numeric ids
 * become strings, numeric-string prices/values/quantities become numbers, currency codes are
 * trimmed and upper-cased, strings trimmed. Anything else passes through for the schema to
 * judge. Pure.
 */
export function normaliseEvent(input: Record<string, unknown>): Record<string, unknown> {
  const out = fix(input, ['orderId', 'query', 'name'], ['value']);
  if (typeof out.type === 'string') out.type = out.type.trim().toLowerCase();
  if (isObject(out.item)) out.item = normaliseItem(out.item);
  if (Array.isArray(out.items)) out.items = out.items.map((i) => (isObject(i) ? normaliseItem(i) : i));
  return out;
}

/** Normalises one item (see normaliseEvent). Pure. */
export function normaliseItem(item: Record<string, unknown>): Record<string, unknown> {
  return fix(item, ['id', 'name', 'category', 'brand'], ['price', 'quantity']);
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function fix(x: Record<string, unknown>, ids: string[], numbers: string[]): Record<string, unknown> {
  const out = { ...x };
  for (const k of ids) {
    const v = out[k];
    if (typeof v === 'string') out[k] = v.trim();
    else if (typeof v === 'number' && Number.isFinite(v)) out[k] = String(v);
  }
  for (const k of numbers) {
    const v = out[k];
    // "1,299.00" and " 12.99" are common in shop markup; anything else is left for the schema.
    const n = typeof v === 'string' && v.trim() ? Number(v.trim().replace(/,(?=\d{3}\b)/g, '')) : NaN;
    if (Number.isFinite(n)) out[k] = n;
  }
  if (typeof out.currency === 'string') out.currency = out.currency.trim().toUpperCase();
  return out;
}
