import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newestMtime, staleReason } from '../../../scripts/bench/freshness';

let dir = '';
const touch = (rel: string, seconds: number) => {
  const p = join(dir, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, 'x');
  utimesSync(p, seconds, seconds);
};

afterEach(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

describe('staleReason', () => {
  it('asks for a build when an output is missing or older than a source', () => {
    dir = mkdtempSync(join(tmpdir(), 'bench-fresh-'));
    touch('src/a/b.ts', 1000);
    expect(staleReason(dir, ['dist/x.js'])).toBe('dist/x.js is missing');
    touch('dist/x.js', 2000);
    expect(staleReason(dir, ['dist/x.js'])).toBeNull();
    touch('src/a/c.ts', 3000);
    expect(newestMtime(join(dir, 'src'))).toBe(3000 * 1000);
    expect(staleReason(dir, ['dist/x.js'])).toBe('sources changed since the last build');
  });
});
