// IIFE entry for <script async src="…/hearth.iife.js" data-…>: reads data-* configuration,
// creates the instance, installs it as window.Hearth and replays calls the pre-load stub queued.
import { startHearth } from './hearth';
import type { AutocaptureOptions } from './events/autocapture/autocapture-options';
import { DB_NAME_RULE, DEFAULTS, type ResolvedOptions } from './hearth-options';
import type { Hearth } from './hearth-types';
import { getInternals } from './hearth-internals';
import { loadLazy } from './load-lazy';
import type { RecommendTag } from './worker/recommend-config';

type Queued = [method: string, ...args: unknown[]];

const AUTOCAPTURE_KINDS: Array<keyof AutocaptureOptions> = ['pageViews', 'products', 'tiles', 'routes', 'dwell'];

/**
 * Complete options from a script element's data-* attributes (data-require-consent, data-debug,
 * data-db-name, data-autocapture="false" | "products,tiles"); the rest are the defaults. Only
 * data-db-name can be wrong: throws an Error naming it. (Not createHearth's generic checks: the
 * other values are built here and are valid by construction.)
 */
function optionsFromScript(d: DOMStringMap): ResolvedOptions {
  const yes = (v?: string) => v !== undefined && v !== 'false' && v !== '0';
  const ac = d.autocapture;
  const on = ac?.split(',').map((s) => s.trim());
  const o: ResolvedOptions = {
    ...DEFAULTS,
    requireConsent: yes(d.requireConsent),
    debug: yes(d.debug),
    dbName: d.dbName || DEFAULTS.dbName,
    autocapture: !on || ac === '' || ac === 'true' ? {} : ac === 'false' ? false : Object.fromEntries(AUTOCAPTURE_KINDS.map((k) => [k, on.includes(k)])),
  };
  if (!DB_NAME_RULE.test(o.dbName)) throw new Error('data-db-name must start with "hearth" (letters, digits, _ . - only)');
  return o;
}

function boot(): void {
  const w = window as unknown as { Hearth?: unknown };
  // Already booted (the tag was included twice): keep the first instance.
  if (w.Hearth && typeof (w.Hearth as Hearth).track === 'function' && !Array.isArray(w.Hearth)) return;
  const queue: Queued[] = Array.isArray(w.Hearth) ? (w.Hearth as Queued[]) : [];
  const el = (document.currentScript as HTMLElement | null) ?? document.querySelector<HTMLElement>('script[data-hearth]');
  let hearth: Hearth;
  const d = el?.dataset ?? {};
  // Recommendations: worker/model/wasm URLs (data-worker-url, data-model-url, …), parsed and
  // checked by the lazy part when first needed (resolveRecommendConfig in src/worker).
  const recommend: RecommendTag = { dataset: { ...d }, src: el?.getAttribute('src') ?? null };
  try {
    hearth = startHearth(optionsFromScript(d), recommend);
  } catch (e) {
    console.warn('[hearth] not started:', (e as Error).message);
    return;
  }
  w.Hearth = hearth;
  // Replay in order; a bad queued call is reported by the instance, never thrown.
  for (const [method, ...args] of queue) {
    const f = (hearth as unknown as Record<string, unknown>)[method];
    try {
      if (typeof f === 'function') void Promise.resolve(f.apply(hearth, args)).catch(() => {});
      else console.warn(`[hearth] unknown queued call: ${String(method)}`);
    } catch (e) {
      console.warn('[hearth]', (e as Error).message);
    }
  }
  dispatchEvent(new CustomEvent('hearth:ready'));
  // Shops can mark containers with data-hearth-recs + a <template>; fill them once the DOM is there
  // (after consent: only then is the lazy part, hearth-lazy.js, fetched).
  const fillRecs = async () => {
    if (document.querySelector('[data-hearth-recs]>template') && (await getInternals(hearth).consented())) {
      await (await loadLazy(recommend)).fillRecsContainers((opts) => hearth.recommend(opts));
    }
  };
  const fill = () => { fillRecs().catch((e) => console.warn('[hearth]', (e as Error)?.message ?? e)); };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fill, { once: true });
  else fill();
}

boot();
