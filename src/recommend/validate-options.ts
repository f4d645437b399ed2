import type { RecommendFilter, RecommendOptions } from '../protocol';
import { MAX_RECOMMEND_K } from './limits';
import { RecommendError } from './recommend-error';

const OPTION_KEYS = new Set(['k', 'context', 'exclude', 'filter', 'diversity']);
const FILTER_KEYS = new Set(['inStock', 'categories']);
/** Longest id list accepted in context/exclude/categories (keeps messages small). */
const MAX_LIST = 1000;

function fail(message: string): never {
  throw new RecommendError('invalid_argument', `recommend: ${message}`);
}

function idList(value: unknown, name: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) fail(`${name} must be an array of item ids`);
  if (value.length > MAX_LIST) fail(`${name} holds ${value.length} ids; at most ${MAX_LIST}`);
  return value.map((v, i) => {
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    if (typeof v !== 'string' || v === '') fail(`${name}[${i}] must be a non-empty string id`);
    return v;
  });
}

/**
 * Checks and normalises `recommend()` options from untrusted input. Throws a RecommendError
 * (`invalid_argument`) naming the problem: k not an integer in 1..MAX_RECOMMEND_K, an unknown
 * option or filter key, a malformed id list, or diversity outside [0, 1]. Numeric ids become
 * strings, as the tracker stores them.
 */
export function validateRecommendOptions(raw: unknown): RecommendOptions {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('options must be an object like { k: 10 }');
  const o = raw as Record<string, unknown>;
  for (const key of Object.keys(o)) if (!OPTION_KEYS.has(key)) fail(`unknown option '${key}' (known: ${[...OPTION_KEYS].join(', ')})`);
  const k = o.k;
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1 || k > MAX_RECOMMEND_K) fail(`k must be an integer in 1..${MAX_RECOMMEND_K}, got ${String(k)}`);
  const out: RecommendOptions = { k };
  const context = idList(o.context, 'context');
  if (context) out.context = context;
  const exclude = idList(o.exclude, 'exclude');
  if (exclude) out.exclude = exclude;
  if (o.diversity !== undefined) {
    const d = o.diversity;
    if (typeof d !== 'number' || !(d >= 0 && d <= 1)) fail(`diversity must be a number in [0, 1], got ${String(d)}`);
    out.diversity = d;
  }
  if (o.filter !== undefined) out.filter = validateFilter(o.filter);
  return out;
}

function validateFilter(raw: unknown): RecommendFilter {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('filter must be an object like { inStock: true }');
  const f = raw as Record<string, unknown>;
  for (const key of Object.keys(f)) if (!FILTER_KEYS.has(key)) fail(`unknown filter '${key}' (known: ${[...FILTER_KEYS].join(', ')})`);
  const out: RecommendFilter = {};
  if (f.inStock !== undefined) {
    if (typeof f.inStock !== 'boolean') fail('filter.inStock must be true or false');
    out.inStock = f.inStock;
  }
  const categories = idList(f.categories, 'filter.categories');
  if (categories) {
    if (categories.length === 0) fail('filter.categories must not be empty');
    out.categories = categories;
  }
  return out;
}
