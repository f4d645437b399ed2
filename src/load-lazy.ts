import type { RecommendSource } from './worker/recommend-config';

/** What the lazily loaded part (src/hearth-lazy.ts) provides. */
export type LazyModule = typeof import('./hearth-lazy');

/**
 * Loads the lazily loaded part on first use. This is the npm (ESM) variant: a dynamic import,
 * which rollup and the shop's own bundler split into a separate chunk. The script-tag build
 * swaps in src/load-lazy-script.ts (see rollup.config.mjs), which needs `config` for its URL.
 */
export const loadLazy = (_config: RecommendSource): Promise<LazyModule> => import('./hearth-lazy');
