import type { LazyModule } from './load-lazy';
import type { RecommendSource, RecommendTag } from './worker/recommend-config';

/** The global dist/hearth-lazy.js defines (the rollup `output.name` of that bundle). */
export const LAZY_GLOBAL = '__hearthLazy';

let loading: Promise<LazyModule> | null = null;

/**
 * The script-tag variant of loadLazy (rollup.config.mjs swaps it in for src/load-lazy.ts):
 * injects `<script src="hearth-lazy.js">` from the worker's folder (data-worker-url, by default
 * the folder of hearth.iife.js: the tag's src) once per page and resolves with what it defines.
 * A load that fails or defines nothing rejects naming the URL, and is retried on the next call
 * (a data-worker-url that is no URL at all rejects every call).
 * In this build `config` is always the tag's attributes (a RecommendTag, src/script-tag.ts); a
 * parsed RecommendConfig, or a tag without src, loads from the page's folder.
 */
export const loadLazy = (config: RecommendSource): Promise<LazyModule> =>
  (loading ??= new Promise<LazyModule>((ok, fail) => {
    const url = new URL('hearth-lazy.js', new URL((config as RecommendTag).dataset?.workerUrl || (config as RecommendTag).src || location.href, location.href)).href;
    const s = document.createElement('script');
    // Defined already (another copy of the tag loaded it), or once the script ran.
    const done = (s.onload = s.onerror = () => {
      const m = (self as unknown as Record<string, LazyModule | undefined>)[LAZY_GLOBAL];
      if (m) ok(m);
      else {
        // Retried on the next call.
        loading = null;
        fail(new Error(`${url} could not be loaded`));
      }
    });
    s.src = url;
    if ((self as unknown as Record<string, unknown>)[LAZY_GLOBAL]) done(); else document.head.append(s);
  }));
