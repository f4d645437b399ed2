// IIFE entry for <script async src="…/hearth.iife.js" data-…>: reads data-* configuration,
// creates the instance, installs it as window.Hearth and replays calls the pre-load stub queued.
import { createHearth } from './hearth';
import type { AutocaptureOptions } from './events/autocapture/autocapture-options';
import type { Hearth, HearthOptions } from './hearth-types';
import { getInternals } from './hearth-internals';
import { loadLazy } from './load-lazy';
import { recommendConfigFromDataset } from './worker/recommend-config';

type Queued = [method: string, ...args: unknown[]];

const AUTOCAPTURE_KINDS: Array<keyof AutocaptureOptions> = ['pageViews', 'products', 'tiles', 'routes', 'dwell'];

/** HearthOptions from a script element's data-* attributes (data-require-consent, data-debug, data-db-name, data-autocapture="false" | "products,tiles"). */
function optionsFromScript(el: HTMLElement | null): HearthOptions {
  const d = el?.dataset ?? {};
  const yes = (v?: string) => v !== undefined && v !== 'false' && v !== '0';
  const o: HearthOptions = { requireConsent: yes(d.requireConsent), debug: yes(d.debug) };
  if (d.dbName) o.dbName = d.dbName;
  // Recommendations: worker/model/wasm URLs (data-worker-src, data-model-url, …); see src/worker.
  o.recommend = recommendConfigFromDataset(d, el?.getAttribute('src') ?? null);
  const ac = d.autocapture;
  if (ac !== undefined && ac !== '' && ac !== 'true') {
    const on = ac.split(',').map((s) => s.trim());
    o.autocapture = ac === 'false' ? false : Object.fromEntries(AUTOCAPTURE_KINDS.map((k) => [k, on.includes(k)]));
  }
  return o;
}

function boot(): void {
  const w = window as unknown as { Hearth?: unknown };
  // Already booted (the tag was included twice): keep the first instance.
  if (w.Hearth && typeof (w.Hearth as Hearth).track === 'function' && !Array.isArray(w.Hearth)) return;
  const queue: Queued[] = Array.isArray(w.Hearth) ? (w.Hearth as Queued[]) : [];
  const el = (document.currentScript as HTMLElement | null) ?? document.querySelector<HTMLElement>('script[data-hearth]');
  let hearth: Hearth;
  const options = optionsFromScript(el);
  try {
    hearth = createHearth(options);
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
      await (await loadLazy(options.recommend!)).fillRecsContainers((opts) => hearth.recommend(opts));
    }
  };
  const fill = () => { fillRecs().catch((e) => console.warn('[hearth]', (e as Error)?.message ?? e)); };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fill, { once: true });
  else fill();
}

boot();
