/**
 * Normalises loosely typed input into the schema's shape, without mutating it: numeric ids
 * become strings, numeric-string prices/values/quantities become numbers, currency codes are
 * trimmed and upper-cased, strings trimmed. Anything else passes through for the schema to
 * judge. Pure; input that is already normal is returned as is (no copy on track()'s hot path).
 */
export function normaliseEvent(input: Record<string, unknown>): Record<string, unknown> {
  return fix(input, ['orderId', 'query', 'name'], ['value'], (v, k) =>
    k === 'type' && typeof v === 'string' ? v.trim().toLowerCase()
      : k === 'item' && isObject(v) ? normaliseItem(v)
        : k === 'items' && Array.isArray(v) ? mapSame(v, (i) => (isObject(i) ? normaliseItem(i) : i))
          : v);
}

/** Normalises one item (see normaliseEvent). Pure. */
export function normaliseItem(item: Record<string, unknown>): Record<string, unknown> {
  return fix(item, ['id', 'name', 'category', 'brand'], ['price', 'quantity']);
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

// Maps an array, returning the same array when no entry changed.
const mapSame = <T>(xs: T[], f: (x: T) => T): T[] => {
  const out = xs.map(f);
  return out.every((y, i) => y === xs[i]) ? xs : out;
};

// "1,299.00" and " 12.99" are common in shop markup; anything else is left for the schema.
const toNumber = (v: unknown) => (typeof v === 'string' && v.trim() ? Number(v.trim().replace(/,(?=\d{3}\b)/g, '')) : NaN);

function fix(x: Record<string, unknown>, ids: string[], numbers: string[], more?: (v: unknown, k: string) => unknown): Record<string, unknown> {
  let out = x;
  // Copy on the first change only: the input is never mutated.
  const set = (k: string, v: unknown) => { if (v !== x[k]) { if (out === x) out = { ...x }; out[k] = v; } };
  for (const k of ids) {
    const v = x[k];
    set(k, typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : v);
  }
  for (const k of numbers) {
    const n = toNumber(x[k]);
    if (Number.isFinite(n)) set(k, n);
  }
  if (typeof x.currency === 'string') set('currency', x.currency.trim().toUpperCase());
  if (more) for (const k of ['type', 'item', 'items']) set(k, more(x[k], k));
  return out;
}
