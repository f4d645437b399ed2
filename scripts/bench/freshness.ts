// Decides whether the bundles need rebuilding: rollup takes minutes on a busy 2-core machine, so
// the bench rebuilds only when a source is newer than the oldest bundle (like make).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time (ms) of any file under `dir` (recursively); 0 when there is none. */
export function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Why the bundles must be rebuilt, or null when every output exists and is newer than src/,
 * rollup.config.mjs and package.json.
 */
export function staleReason(root: string, outputs: readonly string[]): string | null {
  const missing = outputs.find((o) => !existsSync(join(root, o)));
  if (missing) return `${missing} is missing`;
  const oldest = Math.min(...outputs.map((o) => statSync(join(root, o)).mtimeMs));
  const inputs = Math.max(newestMtime(join(root, 'src')), ...['rollup.config.mjs', 'package.json'].map((f) => (existsSync(join(root, f)) ? statSync(join(root, f)).mtimeMs : 0)));
  return inputs > oldest ? 'sources changed since the last build' : null;
}
