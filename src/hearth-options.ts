import type { AutocaptureOptions } from './events/autocapture/autocapture-options';
import { HearthError } from './events/hearth-error';
import { HEARTH_DB_NAME } from './store/db-schema';
import type { HearthOptions } from './hearth-types';

/** HearthOptions with every default filled in. */
export type ResolvedOptions = Required<Omit<HearthOptions, 'onError' | 'autocapture' | 'recommend'>> & Pick<HearthOptions, 'onError'> & { autocapture: AutocaptureOptions | false };

/** Checks createHearth() options and fills defaults; throws a HearthError naming the bad field. */
export function resolveOptions(o: HearthOptions): ResolvedOptions {
  if (typeof o !== 'object' || o === null) throw bad('options must be an object');
  const num = (k: keyof HearthOptions, d: number, min: number) => {
    const v = o[k] ?? d;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min) throw bad(`options.${k} must be a number ≥ ${min}, got ${String(v)}`);
    return v;
  };
  const flag = (k: keyof HearthOptions) => {
    if (o[k] !== undefined && typeof o[k] !== 'boolean') throw bad(`options.${k} must be a boolean`);
    return o[k] === true;
  };
  const dbName = o.dbName ?? HEARTH_DB_NAME;
  if (typeof dbName !== 'string' || !/^hearth[\w.-]{0,64}$/.test(dbName)) throw bad('options.dbName must start with "hearth" (letters, digits, _ . - only)');
  if (o.onError !== undefined && typeof o.onError !== 'function') throw bad('options.onError must be a function');
  if (o.storage !== undefined && o.storage !== 'auto' && o.storage !== 'memory') throw bad('options.storage must be "auto" or "memory"');
  const ac = o.autocapture ?? true;
  if (typeof ac !== 'boolean' && (typeof ac !== 'object' || ac === null)) throw bad('options.autocapture must be a boolean or an object');
  return {
    dbName,
    requireConsent: flag('requireConsent'),
    debug: flag('debug'),
    onError: o.onError,
    autocapture: ac === true ? {} : ac,
    maxEvents: num('maxEvents', 5000, 1),
    maxAgeDays: num('maxAgeDays', 90, 0),
    batchSize: num('batchSize', 20, 1),
    batchDelayMs: num('batchDelayMs', 200, 0),
    dedupeWindowMs: num('dedupeWindowMs', 1000, 0),
    maxEventsPerSecond: num('maxEventsPerSecond', 10, 0.001),
    storage: o.storage ?? 'auto',
  };
}

const bad = (message: string) => new HearthError('invalid_argument', `createHearth(): ${message}`);
