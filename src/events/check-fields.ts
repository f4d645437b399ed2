// The one interpreter of the event rules in src/events/event-fields.ts: checks raw input and
// returns a clean copy, or throws a SchemaIssue naming the first offending field.
import { EVENT_FIELDS, ITEM_FIELDS, type FieldRules } from './event-fields';
import { LIMITS } from './limits';

/**
 * A validation failure at `path` (dot-separated; '' = the value itself). Checks throw it with
 * the path below them and each enclosing object or array prefixes its key while it passes up,
 * so a valid event never builds a path string.
 */
export class SchemaIssue {
  // Declared, not defined as class fields: the constructor's assignments create them.
  declare path: string;
  declare readonly message: string;
  constructor(path: string, message: string) {
    this.path = path;
    this.message = message;
  }
}

/** Throws a SchemaIssue: `message` about the value at `path` ('' = the value itself). */
export const fail = (message: string, path = ''): never => { throw new SchemaIssue(path, message); };
// Re-throws `e`, a failure below key `k` (a name, or `[i]` for array entries), with `k` prefixed
// to its path: joined by a dot unless that path is empty or starts with an array index.
const under = (k: string, e: unknown): never => {
  if (e instanceof SchemaIssue) e.path = k + (/^[^[]/.test(e.path) ? '.' : '') + e.path;
  throw e;
};
// null and numbers (NaN, Infinity, -1) by value, arrays as such, the rest by their type.
const what = (x: unknown) => (x === null || typeof x === 'number' ? String(x) : Array.isArray(x) ? 'array' : typeof x);
const expected = (want: string, x: unknown): never => fail(`expected ${want}, got ${what(x)}`);
const isPlain = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

// A string of at most LIMITS.string characters.
const str = (x: unknown): string =>
  typeof x !== 'string' ? expected('a string', x) : x.length > LIMITS.string ? fail(`is longer than ${LIMITS.string} characters`) : x;
// A finite number in [min, max]; min is 0 or -Infinity, so only "below 0" can fail.
const num = (x: unknown, min = 0, max = Infinity): number =>
  !Number.isFinite(x) ? expected('a finite number', x) : (x as number) < min ? fail('is below 0') : (x as number) > max ? fail(`is above ${max}`) : (x as number);
// Loose shop input: ids and names may be numbers (amounts may be numeric strings: rule a).
const trimmed = (x: unknown) => (typeof x === 'string' ? x.trim() : Number.isFinite(x) ? String(x) : x);
const CURRENCY = /^[A-Z]{3}$/;

// One check per rule code (see src/events/event-fields.ts).
const RULES: Record<string, (x: unknown) => unknown> = {
  t: (x) => str(x),
  n: (x) => str(trimmed(x)),
  i: (x) => str(trimmed(x)) || fail('is empty'),
  a: (x) => {
    // Number() ignores surrounding white space; a blank string would be 0, so it is left as is.
    const n = typeof x === 'string' && x.trim() ? Number(x.replace(/,(?=\d{3}\b)/g, '')) : NaN;
    return num(Number.isFinite(n) ? n : x);
  },
  c: (x) => {
    // The format also refuses empty and longer strings.
    const s = str(typeof x === 'string' ? x.trim().toUpperCase() : x);
    return CURRENCY.test(s) ? s : fail(`is not in the format ${CURRENCY}`);
  },
  p: (x) => num(x),
  r: (x) => num(x, 0, 5),
  I: (x) => checkItem(x),
  L: (x) =>
    !Array.isArray(x) ? expected('an array', x)
      : !x.length ? fail('is empty')
      : x.length > LIMITS.items ? fail(`has more than ${LIMITS.items} entries`)
      : x.map((v, i) => { try { return checkItem(v); } catch (e) { return under(`[${i}]`, e); } }),
  P: (x) => {
    if (!isPlain(x)) return expected('an object', x);
    const keys = Object.keys(x);
    if (keys.length > 20) fail('has more than 20 keys');
    return checkFields(Object.fromEntries(keys.map((k) => [k, 'V'])), x, {});
  },
  // A props value: boolean, finite number (negative too) or string.
  V: (v) => (typeof v === 'boolean' ? v : typeof v === 'number' ? num(v, -Infinity) : typeof v === 'string' ? str(v) : expected('a string, number or boolean', v)),
};

// Checks the fields `rules` names of a plain object `x` into `out`; absent optional fields are omitted.
const checkFields = (rules: FieldRules, x: Record<string, unknown>, out: Record<string, unknown>) => {
  let k = '';
  try {
    for (k in rules) {
      const rule = rules[k]!;
      const v = x[k];
      if (!rule[1] || v !== undefined) out[k] = RULES[rule[0]!]!(v);
    }
  } catch (e) {
    under(k, e);
  }
  return out;
};

/** Checks a product reference (ITEM_FIELDS); returns a clean copy or throws a SchemaIssue. */
export const checkItem = (x: unknown): unknown => (isPlain(x) ? checkFields(ITEM_FIELDS, x, {}) : expected('an object', x));

/**
 * Checks an event: `type` (trimmed, lower-cased) picks its fields in EVENT_FIELDS; the clean
 * copy starts with the type. Throws a SchemaIssue naming the first offending field (path ''
 * and "must be an object" when `x` is not a plain object).
 */
export const checkEventFields = (x: unknown): unknown => {
  if (!isPlain(x)) return fail('must be an object');
  let type = x.type;
  if (typeof type === 'string') type = type.trim().toLowerCase();
  const rules = typeof type === 'string' && Object.hasOwn(EVENT_FIELDS, type) ? EVENT_FIELDS[type as keyof typeof EVENT_FIELDS] : fail(`expected one of ${Object.keys(EVENT_FIELDS).join(', ')}, got ${String(type)}`, 'type');
  return checkFields(rules, x, { type });
};
