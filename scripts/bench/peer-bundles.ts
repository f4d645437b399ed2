// Builds the peer trackers for the browser the way a shop would (rollup + node-resolve +
// commonjs + terser, ES modules with code splitting) into a temp folder, and sizes what a page
// loads eagerly: the entry chunk and every chunk it statically imports.
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Unavailable } from './figure';
import { gzBytesOf } from './gz';

/** A peer tracker built for the bench page. */
export interface PeerBundle {
  name: 'segment' | 'snowplow';
  /** Folder holding the built chunks (served to the page). */
  dir: string;
  /** File name of the entry chunk inside `dir`. */
  entry: string;
  /** Gzipped bytes of the entry chunk plus its static imports (what loads before first use). */
  eagerGzBytes: number;
  /** Gzipped bytes of every chunk, lazily loaded ones included. */
  totalGzBytes: number;
  chunks: number;
}

const entries = { segment: 'segment-entry.js', snowplow: 'snowplow-entry.js' } as const;
const packages = { segment: '@segment/analytics-next', snowplow: '@snowplow/browser-tracker' } as const;

/**
 * Builds one peer into `outRoot/<name>-<key>`; throws Unavailable when its package cannot be
 * built. With `reuse`, a build of the same package version and entry is taken from that folder
 * (quick runs skip ~30 s of rollup; full runs always rebuild).
 */
export async function buildPeer(name: PeerBundle['name'], outRoot: string, opts: { root?: string; reuse?: boolean } = {}): Promise<PeerBundle> {
  const root = opts.root ?? process.cwd();
  const pkgFile = join(root, 'node_modules', ...packages[name].split('/'), 'package.json');
  if (!existsSync(pkgFile)) throw new Unavailable(`${packages[name]} is not installed (npm ci installs it as a dev dependency)`);
  const entryFile = join(root, 'scripts/bench/peers', entries[name]);
  const key = createHash('sha256').update(readFileSync(pkgFile)).update(readFileSync(entryFile)).digest('hex').slice(0, 12);
  const dir = join(outRoot, `${name}-${key}`);
  const meta = join(dir, 'bench-meta.json');
  if (opts.reuse && existsSync(meta)) return JSON.parse(readFileSync(meta, 'utf8')) as PeerBundle;
  try {
    const [{ rollup }, { default: resolve }, { default: commonjs }, { default: terser }] = await Promise.all([
      import('rollup'),
      import('@rollup/plugin-node-resolve'),
      import('@rollup/plugin-commonjs'),
      import('@rollup/plugin-terser'),
    ]);
    const bundle = await rollup({
      input: entryFile,
      plugins: [resolve({ browser: true, rootDir: root }), commonjs(), terser({ format: { comments: false } })],
      preserveEntrySignatures: 'strict',
      onwarn: () => {}, // peers' circular-import and `this` warnings are theirs, not ours
    });
    const { output } = await bundle.write({ dir, format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' });
    await bundle.close();
    const chunks = output.filter((o) => o.type === 'chunk');
    const entry = chunks.find((c) => c.isEntry);
    if (!entry) throw new Error('rollup produced no entry chunk');
    const sizeOf = (file: string): number => gzBytesOf(readFileSync(join(dir, file)));
    const eager = new Set<string>();
    const visit = (file: string): void => {
      if (eager.has(file)) return;
      eager.add(file);
      for (const imp of chunks.find((c) => c.fileName === file)?.imports ?? []) visit(imp);
    };
    visit(entry.fileName);
    const built: PeerBundle = {
      name,
      dir,
      entry: entry.fileName,
      eagerGzBytes: [...eager].reduce((s, f) => s + sizeOf(f), 0),
      totalGzBytes: chunks.reduce((s, c) => s + sizeOf(c.fileName), 0),
      chunks: chunks.length,
    };
    writeFileSync(meta, JSON.stringify(built));
    return built;
  } catch (error) {
    throw new Unavailable(`${packages[name]} failed to build for the browser: ${(error as Error).message}`);
  }
}
