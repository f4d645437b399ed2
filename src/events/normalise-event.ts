/**
 * Normalises loosely typed input into the schema's shape, without mutating it: numeric ids
 * become strings, numeric-string prices/values/quantities become numbers, currency codes are
 * trimmed and upper-cased, strings trimmed. Anything else passes through for the schema to
 * judge. Pure; input that is already normal is returned as is (no copy on track()'s hot path).
 */
export function normaliseEvent(input: Record<string, unknown>): Record<string, unknown> {
  let out = fix(input, EVENT_IDS, EVENT_NUMBERS);
  const t = input.type;
  if (typeof t === 'string') out = set(out, input, 'type', t.trim().toLowerCase());
  const item = input.item;
  if (isObject(item)) out = set(out, input, 'item', normaliseItem(item));
  const items = input.items;
  if (Array.isArray(items)) out = set(out, input, 'items', mapSame(items, (i) => (isObject(i) ? normaliseItem(i) : i)));
  return out;
}

/** Normalises one item (see normaliseEvent). Pure. */
export function normaliseItem(item: Record<string, unknown>): Record<string, unknown> {
  return fix(item, ITEM_IDS, ITEM_NUMBERS);
}

const EVENT_IDS = ['orderId', 'query', 'name'];
const EVENT_NUMBERS = ['value'];
const ITEM_IDS = ['id', 'name', 'category', 'brand'];
const ITEM_NUMBERS = ['price', 'quantity'];

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

// Maps an array, returning the same array when no entry changed.
const mapSame = <T>(xs: T[], f: (x: T) => T): T[] => {
  const out = xs.map(f);
  return out.every((y, i) => y === xs[i]) ? xs : out;
};

// "1,299.00" and " 12.99" are common in shop markup; anything else is left for the schema.
const toNumber = (v: unknown) => (typeof v === 'string' && v.trim() ? Number(v.trim().replace(/,(?=\d{3}\b)/g, '')) : NaN);

// `out` with x[k] replaced by v; copies x on the first change only (the input is never mutated).
function set(out: Record<string, unknown>, x: Record<string, unknown>, k: string, v: unknown): Record<string, unknown> {
  if (v === x[k]) return out;
  if (out === x) out = { ...x };
  out[k] = v;
  return out;
}

function fix(x: Record<string, unknown>, ids: string[], numbers: string[]): Record<string, unknown> {
  let out = x;
  for (const k of ids) {
    const v = x[k];
    if (typeof v === 'string') out = set(out, x, k, v.trim());
    else if (typeof v === 'number' && Number.isFinite(v)) out = set(out, x, k, String(v));
  }
  for (const k of numbers) {
    const v = x[k];
    if (typeof v === 'string') { const n = toNumber(v); if (Number.isFinite(n)) out = set(out, x, k, n); }
  }
  if (typeof x.currency === 'string') out = set(out, x, 'currency', x.currency.trim().toUpperCase());
  return out;
}
