// Size budgets, one per browser bundle (size-limit style): prints gzipped bytes and fails the
// build when a bundle is over its limit.
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

// Limits sit just above today's sizes, so growth fails CI instead of creeping: IIFE 5,908 B (the
// memory fallback only appends and the lazy readers sort it, quota eviction reuses the retention
// write, event ids take their random part once per page, the events store keeps only its by-time
// index, a smaller checker/deduper/tag), ESM 7,032 B, lazy 6,134 / 4,683 B (the lazy readers now
// order and dedupe the memory fallback: queryEvents). The tracker's goal is issue 7's: ≤ 6 KB and
// ≤ 0.2× Segment (28,439 B gz) = 5,688 B. The lazy part (reads, recommendations, features(),
// product views, dwell, impressions) is loaded on first use; its limits have ~200 B of room so
// that moving work out of the eager tag into it (or a faster recommend() path) is possible.
export const budgets = [
  { file: 'dist/hearth.iife.js', goal: 5688, limit: 5950 },
  { file: 'dist/hearth-lazy.js', goal: 5 * 1024, limit: 6350 },
  { file: 'dist/hearth.esm.js', goal: 6 * 1024, limit: 7080 },
  { file: 'dist/hearth-lazy.esm.js', goal: 4 * 1024, limit: 4850 },
  { file: 'dist/hearth-worker.js', goal: 150 * 1024, limit: 200 * 1024, optional: true },
];

/** Gzipped size of a file in bytes (level 9, as a CDN would serve it). */
export function gzBytes(file) {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let failed = false;
  for (const b of budgets) {
    if (!existsSync(b.file)) {
      if (!b.optional) { console.error(`size: ${b.file} is missing`); failed = true; }
      continue;
    }
    const gz = gzBytes(b.file);
    const status = gz > b.limit ? 'OVER LIMIT' : gz > b.goal ? 'over goal' : 'ok';
    console.log(`${b.file.padEnd(26)} ${(gz / 1024).toFixed(2).padStart(7)} KB gz  (goal ${+(b.goal / 1024).toFixed(2)} KB, limit ${+(b.limit / 1024).toFixed(2)} KB)  ${status}`);
    if (gz > b.limit) failed = true;
  }
  process.exit(failed ? 1 : 0);
}
