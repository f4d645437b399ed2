import type { RecommendSource } from './worker/recommend-config';

/** What the lazily loaded part (src/hearth-lazy.ts) provides. */
export type LazyModule = typeof import('./hearth-lazy');

let loading: Promise<LazyModule> | null = null;

/**
 * Loads the lazily loaded part on first use; later calls share that promise. This is the npm
 * (ESM) variant: a dynamic import, which rollup and the shop's own bundler split into a separate
 * chunk. The script-tag build swaps in src/load-lazy-script.ts (see rollup.config.mjs), which
 * needs `config` for its URL. A failed load is forgotten, so the next call tries again.
 */
export const loadLazy = (_config: RecommendSource): Promise<LazyModule> =>
  // A repeated import() of a loaded chunk still costs ~0.1 ms in Chromium, on every recommend().
  (loading ??= import('./hearth-lazy').catch((e) => { loading = null; throw e; }));
