import type { AutocaptureOptions } from './autocapture-options';
import type { ScrapedItem } from './json-ld-products';
import { tileItem } from './tile-item';

/** Shortest dwell worth recording. */
const MIN_DWELL_MS = 1000;

/** Markup that may describe a product (JSON-LD or microdata): only then is the page parsed. */
const PRODUCT_MARKUP = 'script[type="application/ld+json"],[itemscope][itemtype]';

/**
 * Starts automatic capture in the current page and returns a function that stops it. Events
 * go to `track` (which validates them). Product pages are parsed by `findProduct` (pageProduct,
 * loaded lazily to keep the tracker small), and only when the page has product markup. Every
 * handler is guarded: a failure is passed to `fail` and never reaches the host page.
 */
export function startAutocapture(track: (event: Record<string, unknown>) => void, options: AutocaptureOptions, fail: (e: unknown) => void, findProduct: (doc: Document) => Promise<ScrapedItem | undefined>): () => void {
  if (typeof window === 'undefined' || typeof document === 'undefined') return () => {};
  const on = (k: keyof AutocaptureOptions) => options[k] !== false;
  const guard = <A extends unknown[]>(f: (...a: A) => void) => (...a: A) => { try { f(...a); } catch (e) { fail(e); } };
  const stops: Array<() => void> = [];
  const listen = (target: EventTarget, type: string, f: (e: Event) => void, capture = false) => {
    const g = guard(f);
    target.addEventListener(type, g, capture);
    stops.push(() => target.removeEventListener(type, g, capture));
  };

  // Dwell: visible time on the current product, reported when it is left or hidden.
  let dwellItem: ScrapedItem | null = null;
  let visibleSince = 0;
  let dwellMs = 0;
  const endDwell = () => {
    if (!dwellItem) return;
    if (visibleSince) dwellMs += Date.now() - visibleSince;
    visibleSince = document.visibilityState === 'visible' ? Date.now() : 0;
    if (dwellMs >= MIN_DWELL_MS) track({ type: 'custom', name: 'dwell', item: { id: dwellItem.id }, props: { ms: Math.round(dwellMs) } });
    dwellMs = 0;
  };

  let scans = 0;
  const scanProducts = () => {
    endDwell();
    dwellItem = null;
    const scan = ++scans;
    if (!document.querySelector(PRODUCT_MARKUP)) return;
    findProduct(document).then(guard((found?: ScrapedItem) => {
      // A newer route replaced this page while the parser loaded: its scan decides.
      if (!found || scan !== scans) return;
      track({ type: 'product_view', item: found });
      if (on('dwell')) { dwellItem = found; visibleSince = document.visibilityState === 'visible' ? Date.now() : 0; dwellMs = 0; }
    }), fail);
  };
  const pageView = () => track({ type: 'page_view', url: location.origin + location.pathname, title: document.title.slice(0, 256), referrer: document.referrer ? new URL(document.referrer).origin : undefined });

  const onPage = guard(() => {
    if (on('pageViews')) pageView();
    if (on('products')) scanProducts();
  });
  if (document.readyState === 'loading') listen(document, 'DOMContentLoaded', onPage); else onPage();

  if (on('dwell')) {
    listen(document, 'visibilitychange', () => { if (document.visibilityState === 'hidden') endDwell(); else if (dwellItem) visibleSince = Date.now(); });
    listen(window, 'pagehide', endDwell);
  }

  if (on('routes')) {
    let href = location.href;
    // SPA frameworks render the new route after pushState: scan on the next task.
    const changed = () => { if (location.href !== href) { href = location.href; setTimeout(onPage, 0); } };
    for (const m of ['pushState', 'replaceState'] as const) {
      const original = history[m];
      history[m] = function (this: History, ...a: Parameters<History['pushState']>) {
        const r = original.apply(this, a);
        guard(changed)();
        return r;
      };
      stops.push(() => { history[m] = original; });
    }
    listen(window, 'popstate', changed);
  }

  if (on('tiles')) {
    listen(document, 'click', (e) => {
      const el = (e.target as Element | null)?.closest?.<HTMLElement>('[data-hearth-item]');
      if (el) track({ type: 'click', ...tileItem(el) });
    }, true);
    if (typeof IntersectionObserver === 'function') {
      const seen = new WeakSet<Element>();
      const io = new IntersectionObserver(guard((entries: IntersectionObserverEntry[]) => {
        for (const en of entries) {
          if (!en.isIntersecting) continue;
          io.unobserve(en.target);
          const t = tileItem(en.target as HTMLElement);
          track({ type: 'custom', name: 'impression', item: t.item, props: t.list ? { list: t.list } : undefined });
        }
      }), { threshold: 0.5 });
      const observeAll = guard(() => document.querySelectorAll('[data-hearth-item]').forEach((el) => { if (!seen.has(el)) { seen.add(el); io.observe(el); } }));
      observeAll();
      // Coalesce bursts of DOM mutations (SPA renders) into one scan.
      let queued = false;
      const mo = new MutationObserver(() => { if (!queued) { queued = true; setTimeout(() => { queued = false; observeAll(); }, 50); } });
      mo.observe(document.documentElement, { childList: true, subtree: true });
      stops.push(() => { io.disconnect(); mo.disconnect(); });
    }
  }
  return () => { endDwell(); stops.forEach((s) => s()); };
}
