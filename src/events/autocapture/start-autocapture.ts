import type { AutocaptureOptions } from './autocapture-options';
import type { LazyCapture } from './lazy-capture';
import { tileItem } from './tile-item';

/** Markup that may describe a product (JSON-LD or microdata). */
const PRODUCT_MARKUP = 'script[type="application/ld+json"],[itemscope][itemtype]';
/** Tiles: `[data-hearth-item]`. */
const TILE = '[data-hearth-item]';

/** Starts the lazily loaded half of autocapture (startLazyCapture in src/events/autocapture/lazy-capture.ts). */
export type StartLazyCapture = (track: (event: Record<string, unknown>) => void, options: AutocaptureOptions, fail: (e: unknown) => void, shownAt: number) => LazyCapture;

/**
 * Starts automatic capture in the current page and returns a function that stops it. Events
 * go to `track` (which validates them). Page views, route changes and tile clicks are captured
 * here, at once, so a click that navigates away is never lost. Product views, dwell time and
 * tile impressions need the page's product markup or tiles, so they run in Hearth's lazy part:
 * `loadLazy` is called (once) when such markup is on the page, now or after a DOM change or
 * route change, and their events start from then (dwell counts from when the page was shown).
 * Every handler is guarded: a failure is passed to `fail` and never reaches the host page.
 */
export function startAutocapture(track: (event: Record<string, unknown>) => void, options: AutocaptureOptions, fail: (e: unknown) => void, loadLazy: () => Promise<StartLazyCapture>): () => void {
  if (!globalThis.document) return () => {};
  const on = (k: keyof AutocaptureOptions) => options[k] !== false;
  const guard = <A extends unknown[]>(f: (...a: A) => void) => (...a: A) => { try { f(...a); } catch (e) { fail(e); } };
  const stops: Array<() => void> = [];
  // Every listener sits on window, in the capture phase: DOMContentLoaded and click bubble up to
  // it from the document (capturing there runs before the page's own handlers), popstate fires at it.
  // (Each handler given is guarded already.)
  const listen = (type: string, f: (e: Event) => void) => {
    addEventListener(type, f, true);
    stops.push(() => removeEventListener(type, f, true));
  };

  // The lazy half: loaded when the page has markup it can use (products, tiles).
  const wanted = [on('products') && PRODUCT_MARKUP, on('tiles') && TILE].filter(Boolean).join();
  let lazy: LazyCapture | null = null;
  // When the current page was shown: dwell counts from there, not from when the lazy half arrived.
  let shownAt = 0;
  // True once the lazy half is loading or loaded, and from the start when nothing is wanted.
  let loading = !wanted;
  let stopped = false;
  const loadIfWanted = () => {
    if (loading || !document.querySelector(wanted)) return;
    loading = true;
    mo.disconnect();
    loadLazy().then(guard((start: StartLazyCapture) => { if (!stopped) lazy = start(track, options, fail, shownAt); }), (e) => { loading = false; fail(e); });
  };
  // Until then, DOM changes (an SPA rendering its grid) are watched for that markup.
  const mo = new MutationObserver(guard(loadIfWanted));

  const pageView = () => track({ type: 'page_view', url: location.origin + location.pathname, title: document.title.slice(0, 256), referrer: document.referrer ? new URL(document.referrer).origin : undefined });
  const onPage = guard(() => {
    shownAt = Date.now();
    if (on('pageViews')) pageView();
    if (lazy) lazy.page(shownAt); else loadIfWanted();
    if (!loading) mo.observe(document, { childList: true, subtree: true });
  });
  if (document.readyState === 'loading') listen('DOMContentLoaded', onPage); else onPage();

  if (on('routes')) {
    let href = location.href;
    // SPA frameworks render the new route after pushState: scan on the next task.
    const changed = guard(() => { if (location.href !== href) { href = location.href; setTimeout(onPage); } });
    for (const m of ['pushState', 'replaceState'] as const) {
      const original = history[m];
      // (Both return undefined.)
      history[m] = function (this: History, ...a: Parameters<History['pushState']>) {
        original.apply(this, a);
        changed();
      };
      stops.push(() => { history[m] = original; });
    }
    listen('popstate', changed);
  }

  if (on('tiles')) {
    listen('click', guard((e: Event) => {
      const el = (e.target as Element | null)?.closest?.<HTMLElement>(TILE);
      if (el) track({ type: 'click', ...tileItem(el) });
    }));
  }
  return () => { stopped = true; mo.disconnect(); lazy?.stop(); stops.forEach((s) => s()); };
}
