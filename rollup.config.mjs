// One config, one entry per shipped bundle. Browser bundles never see src/server, src/cli or
// Node built-ins; Node bundles keep their dependencies external.
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';

const pkg = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync('package.json', 'utf8')));
const nodeExternal = [
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  ...Object.keys(pkg.dependencies ?? {}),
];
const isExternalForNode = (id) => nodeExternal.some((m) => id === m || id.startsWith(`${m}/`));

const ts = () =>
  typescript({ tsconfig: './tsconfig.json', compilerOptions: { noEmit: false, declaration: false, outDir: undefined }, include: ['src/**/*.ts'] });
// typeofs: false keeps threaded WASM working (tfjs checks `typeof` on globals).
const minify = () => terser({ compress: { typeofs: false, passes: 2 }, format: { comments: false } });
// The tracker bundles (our code only, no tfjs): one more pass, and function expressions that use
// no `this` become arrows (none of ours is a constructor or needs a prototype).
const minifyTracker = (mangleProps) =>
  terser({ ecma: 2020, compress: { typeofs: false, passes: 3, unsafe_arrows: true }, ...(mangleProps ? { mangle: { properties: { regex: mangleProps } } } : {}), format: { comments: false } });
// Property names the script tag alone reads (options and open-callbacks of its own instance): its
// build shortens them (~55 B gz). hearth-lazy.js is built apart and gets the tag's options object
// (internals.options), so it must never read one of them: tagOnlyPropsUnused fails its build if it does.
const TAG_ONLY_PROPS = ['maxEventsPerSecond', 'dedupeWindowMs', 'batchDelayMs', 'batchSize', 'maxAgeDays', 'onClosed', 'onBlocked'];
const tagOnlyProps = new RegExp(`^(${TAG_ONLY_PROPS.join('|')})$`);
const tagOnlyPropsUnused = {
  name: 'tag-only-props-unused',
  generateBundle(_, bundle) {
    for (const chunk of Object.values(bundle)) {
      const used = chunk.type === 'chunk' && TAG_ONLY_PROPS.filter((p) => new RegExp(`\\b${p}\\b`).test(chunk.code));
      if (used?.length) this.error(`${chunk.fileName} reads ${used.join(', ')}, which the script tag's build renames (TAG_ONLY_PROPS in rollup.config.mjs): take the name out of that list`);
    }
  },
};
const browserPlugins = () => [resolve({ browser: true }), commonjs(), ts()];

// The script tag cannot use import(): its build loads the lazy part by injecting
// <script src="hearth-lazy.js"> (src/load-lazy-script.ts) instead of src/load-lazy.ts.
const lazyByScriptTag = {
  name: 'lazy-by-script-tag',
  async resolveId(source, importer, opts) {
    if (!/\/load-lazy$/.test(source)) return null;
    const r = await this.resolve(source, importer, { ...opts, skipSelf: true });
    return r && { ...r, id: r.id.replace(/load-lazy\.ts$/, 'load-lazy-script.ts') };
  },
};

const configs = [
  {
    // npm: the lazily loaded part (src/hearth-lazy.ts) becomes its own chunk, hearth-lazy.esm.js.
    // It imports eager internals (storage helpers) from hearth.esm.js itself: 'allow-extension'
    // lets the entry export those too, instead of moving everything into a third shared chunk.
    input: 'src/index.ts',
    preserveEntrySignatures: 'allow-extension',
    output: { dir: 'dist', entryFileNames: 'hearth.esm.js', chunkFileNames: '[name].esm.js', format: 'es', sourcemap: true },
    plugins: [...browserPlugins(), minifyTracker()],
  },
  {
    input: 'src/script-tag.ts',
    output: { file: 'dist/hearth.iife.js', format: 'iife', sourcemap: true },
    plugins: [lazyByScriptTag, ...browserPlugins(), minifyTracker(tagOnlyProps)],
  },
  {
    // Loaded by the script tag when first needed; defines the global LAZY_GLOBAL (src/load-lazy-script.ts).
    input: 'src/hearth-lazy.ts',
    output: { file: 'dist/hearth-lazy.js', format: 'iife', name: '__hearthLazy', sourcemap: true },
    plugins: [...browserPlugins(), minifyTracker(), tagOnlyPropsUnused],
  },
];

if (existsSync('src/worker/worker.ts')) {
  // The worker finds the tfjs .wasm files next to itself (setWasmPaths), so ship them in dist/.
  const wasmDir = 'node_modules/@tensorflow/tfjs-backend-wasm/dist';
  const copyWasm = {
    name: 'copy-tfjs-wasm',
    generateBundle() {
      for (const f of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
        this.emitFile({ type: 'asset', fileName: f, source: readFileSync(`${wasmDir}/${f}`) });
      }
    },
  };
  configs.push({
    input: 'src/worker/worker.ts',
    output: { file: 'dist/hearth-worker.js', format: 'iife', sourcemap: true, inlineDynamicImports: true },
    plugins: [...browserPlugins(), minify(), copyWasm],
  });
}

for (const [input, file] of [
  ['src/cli/main.ts', 'dist/node/cli.js'],
  ['src/server/index.ts', 'dist/node/server.js'],
]) {
  if (!existsSync(input)) continue;
  configs.push({
    input,
    output: { file, format: 'es', sourcemap: true, inlineDynamicImports: true },
    // tfjs-core's gradient registry ships only as extensionless ESM that Node cannot load: inline it.
    external: (id) => isExternalForNode(id) && !id.startsWith('@tensorflow/tfjs-core/dist/'),
    plugins: [resolve({ preferBuiltins: true }), commonjs(), ts()],
  });
}

// HEARTH_BUILD=tracker builds only the three tracker bundles (seconds instead of a minute), for
// size work; `npm run build` always builds everything.
export default process.env.HEARTH_BUILD === 'tracker' ? configs.slice(0, 3) : configs;
