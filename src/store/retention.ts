import type { RetentionPolicy } from './event-store';

/**
 * Given events' timestamps (oldest first), how many of the oldest to drop so that none is
 * older than `now - maxAgeMs` and at most `maxEvents` remain. Pure.
 */
export function retentionExcess(tsOldestFirst: readonly number[], policy: RetentionPolicy, now: number): number {
  const cutoff = now - policy.maxAgeMs;
  let expired = 0;
  while (expired < tsOldestFirst.length && tsOldestFirst[expired]! < cutoff) expired++;
  return Math.max(expired, tsOldestFirst.length - policy.maxEvents);
}
