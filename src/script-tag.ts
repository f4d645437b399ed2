// IIFE entry for <script async src="…/hearth.iife.js" data-…>: reads data-* configuration,
// creates the instance, installs it as window.Hearth and replays calls the pre-load stub queued.
import { startHearth } from './hearth';
import type { AutocaptureOptions } from './events/autocapture/autocapture-options';
import { DB_NAME_RULE, DEFAULTS, type ResolvedOptions } from './hearth-options';
import type { Hearth } from './hearth-types';
import { mayWrite } from './hearth-internals';
import { loadLazy } from './load-lazy';
import type { RecommendTag } from './worker/recommend-config';

const AUTOCAPTURE_KINDS: Array<keyof AutocaptureOptions> = ['pageViews', 'products', 'tiles', 'routes', 'dwell'];

/**
 * Complete options from a script element's data-* attributes (data-require-consent, data-debug,
 * data-db-name, data-autocapture="false" | "products,tiles"); the rest are the defaults. Only
 * data-db-name can be wrong: boot() checks it against DB_NAME_RULE. (Not createHearth's generic
 * checks: the other values are built here and are valid by construction.)
 */
function optionsFromScript(d: DOMStringMap): ResolvedOptions {
  const yes = (v?: string) => v != null && v != 'false' && v != '0';
  const ac = d.autocapture;
  return {
    ...DEFAULTS,
    requireConsent: yes(d.requireConsent),
    debug: yes(d.debug),
    dbName: d.dbName || DEFAULTS.dbName,
    autocapture: !ac || ac === 'true' ? {} : ac === 'false' ? false : Object.fromEntries(AUTOCAPTURE_KINDS.map((k) => [k, ac.split(',').some((s) => s.trim() === k)])),
  };
}

function boot(): void {
  const w = window as unknown as { Hearth?: unknown };
  // A stub queue is an array (that may carry its own track() etc.); anything else with a
  // track() is an instance: the tag was included twice, so keep the first one.
  let queue = w.Hearth as unknown[];
  if (!Array.isArray(queue)) {
    if (typeof (queue as Hearth | undefined)?.track === 'function') return;
    queue = [];
  }
  const el = (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>('script[data-hearth]');
  const warn = (e: unknown) => console.warn('[hearth]', (e as Error)?.message ?? e);
  // Recommendations: worker/model/wasm URLs (data-worker-url, data-model-url, …), parsed and
  // checked by the lazy part when first needed (resolveRecommendConfig in src/worker). A copy:
  // the attributes as they were at load.
  const recommend: RecommendTag = { dataset: { ...el?.dataset }, src: el?.src || null };
  const o = optionsFromScript(recommend.dataset);
  if (!DB_NAME_RULE.test(o.dbName)) return warn(`not started: data-db-name must match ${DB_NAME_RULE}`);
  // startHearth never throws (it reports through onError).
  const hearth = startHearth(o, recommend);
  w.Hearth = hearth;
  // Replay in order ([method, ...args] entries). Each call starts synchronously, in queue order;
  // a bad entry, a throw or a rejection is reported (console.warn), never thrown.
  for (const call of queue) {
    (async () => {
      const [method, ...args] = call as [string, ...unknown[]];
      const f = (hearth as unknown as Record<string, unknown>)[method];
      if (typeof f !== 'function') throw new Error(`unknown queued call: ${String(method)}`);
      await f.apply(hearth, args);
    })().catch(warn);
  }
  dispatchEvent(new Event('hearth:ready'));
  // Shops can mark containers with data-hearth-recs + a <template>; fill them once the DOM is there
  // (after consent: only then is the lazy part, hearth-lazy.js, fetched).
  const fill = async () => {
    try {
      if (document.querySelector('[data-hearth-recs]>template') && (await mayWrite(hearth))) {
        await (await loadLazy(recommend)).fillRecsContainers(hearth.recommend);
      }
    } catch (e) {
      warn(e);
    }
  };
  // DOMContentLoaded bubbles from the document to window (and fires once).
  if (document.readyState === 'loading') addEventListener('DOMContentLoaded', fill);
  else void fill();
}

boot();
