// Exponential backoff with full jitter (AWS architecture blog): spreads retries of many devices.
import type { Random } from './random';

/** Delay before retry number `attempt` (0-based): uniform in [0, min(maxMs, baseMs · 2^attempt)]. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: Random): number {
  if (!Number.isInteger(attempt) || attempt < 0) throw new RangeError('backoffDelay: attempt must be an integer ≥ 0');
  if (!(baseMs >= 0) || !(maxMs >= baseMs)) throw new RangeError('backoffDelay: need 0 ≤ baseMs ≤ maxMs');
  return Math.floor(random() * Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30)));
}
