import type { AutocaptureOptions } from './events/autocapture/autocapture-options';
import { HearthError } from './events/hearth-error';
import { HEARTH_DB_NAME } from './store/db-schema';
import type { HearthOptions } from './hearth-types';

/** HearthOptions with every default filled in. */
export type ResolvedOptions = Required<Omit<HearthOptions, 'onError' | 'autocapture' | 'recommend'>> & Pick<HearthOptions, 'onError'> & { autocapture: AutocaptureOptions | false };

/**
 * The defaults of every option that has one, except autocapture (on: `{}`). The script tag
 * starts from these (its data-* attributes can set only the booleans and dbName).
 */
export const DEFAULTS = { maxEvents: 5000, maxAgeDays: 90, batchSize: 20, batchDelayMs: 200, dedupeWindowMs: 1000, maxEventsPerSecond: 10, dbName: HEARTH_DB_NAME, storage: 'auto', requireConsent: false, debug: false } as const;
/** What a database name must look like: Hearth erases every database whose name starts with "hearth". */
export const DB_NAME_RULE = /^hearth[\w.-]{0,64}$/;
// The minimum of each numeric option.
const MINIMUMS = { maxEvents: 1, maxAgeDays: 0, batchSize: 1, batchDelayMs: 0, dedupeWindowMs: 0, maxEventsPerSecond: 0.001 } as const;
// Expected typeof of the other options (undefined is always allowed; storage is checked by value).
const TYPES = { requireConsent: 'boolean', debug: 'boolean', onError: 'function', dbName: 'string', autocapture: 'boolean|object' } as const;

/** Checks createHearth() options and fills defaults; throws a HearthError naming the bad field. */
export function resolveOptions(o: HearthOptions): ResolvedOptions {
  const bad = (m: string) => new HearthError('invalid_argument', `createHearth(): ${m}`);
  if (typeof o !== 'object' || o === null) throw bad('options must be an object');
  const r: Record<string, unknown> = { ...o, dbName: o.dbName ?? DEFAULTS.dbName, storage: o.storage ?? DEFAULTS.storage, requireConsent: !!o.requireConsent, debug: !!o.debug };
  for (const [k, t] of Object.entries(TYPES)) {
    const v = o[k as keyof HearthOptions];
    if (v != null && !t.includes(typeof v)) throw bad(`options.${k} must be a ${t.replace('|', ' or ')}`);
  }
  for (const [k, min] of Object.entries(MINIMUMS)) {
    const v = o[k as keyof typeof MINIMUMS] ?? DEFAULTS[k as keyof typeof MINIMUMS];
    if (typeof v !== 'number' || !(v >= min) || v === Infinity) throw bad(`options.${k} must be a number ≥ ${min}, got ${String(v)}`);
    r[k] = v;
  }
  if (!DB_NAME_RULE.test(r.dbName as string)) throw bad('options.dbName must start with "hearth" (letters, digits, _ . - only)');
  if (r.storage !== 'auto' && r.storage !== 'memory') throw bad('options.storage must be "auto" or "memory"');
  // true, null or absent: every kind ({}); false or per-kind options as given.
  r.autocapture = (o.autocapture ?? true) === true ? {} : o.autocapture;
  return r as ResolvedOptions;
}
