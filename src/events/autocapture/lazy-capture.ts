import type { AutocaptureOptions } from './autocapture-options';
import type { ScrapedItem } from './json-ld-products';
import { pageProduct } from './page-product';
import { tileItem } from './tile-item';

/** Shortest dwell worth recording. */
const MIN_DWELL_MS = 1000;

/** The autocapture that runs in the lazily loaded part; see startLazyCapture. */
export interface LazyCapture {
  /**
   * A (new) page was shown at `shownAt` (ms): ends the dwell on the last product and looks for
   * this page's product (its dwell counts from `shownAt`) and tiles.
   */
  page(shownAt: number): void;
  /** Reports the open dwell and removes every listener and observer. */
  stop(): void;
}

/**
 * The heavier half of autocapture, loaded with the lazy part once the page shows product markup
 * or `[data-hearth-item]` tiles (src/events/autocapture/start-autocapture.ts keeps page views,
 * routes and tile clicks eager): product_view from JSON-LD/microdata, dwell time on that product,
 * and tile impressions. Scans the current page, shown at `shownAt` (ms), at once. Every handler
 * is guarded: a failure goes to `fail`, never to the host page.
 */
export function startLazyCapture(track: (event: Record<string, unknown>) => void, options: AutocaptureOptions, fail: (e: unknown) => void, shownAt: number): LazyCapture {
  const on = (k: keyof AutocaptureOptions) => options[k] !== false;
  const guard = <A extends unknown[]>(f: (...a: A) => void) => (...a: A) => { try { f(...a); } catch (e) { fail(e); } };
  const stops: Array<() => void> = [];
  // On window (visibilitychange bubbles there from the document; pagehide fires at it), in the
  // capture phase: it runs before createHearth()'s own pagehide/visibilitychange listeners on
  // window, which were added earlier and flush the queue, so a dwell ended there is flushed too.
  const listen = (type: string, f: () => void) => {
    const g = guard(f);
    addEventListener(type, g, true);
    stops.push(() => removeEventListener(type, g, true));
  };
  const visibleSinceNow = (t = Date.now()) => (document.visibilityState === 'visible' ? t : 0);

  // Dwell: visible time on the current product, reported when it is left or hidden.
  let dwellItem: ScrapedItem | null = null;
  let visibleSince = 0;
  let dwellMs = 0;
  const endDwell = () => {
    if (!dwellItem) return;
    if (visibleSince) dwellMs += Date.now() - visibleSince;
    visibleSince = visibleSinceNow();
    if (dwellMs >= MIN_DWELL_MS) track({ type: 'custom', name: 'dwell', item: { id: dwellItem.id }, props: { ms: Math.round(dwellMs) } });
    dwellMs = 0;
  };
  if (on('dwell')) {
    listen('visibilitychange', () => { if (document.visibilityState === 'hidden') endDwell(); else if (dwellItem) visibleSince = Date.now(); });
    listen('pagehide', endDwell);
  }

  // Impressions: tiles at least half visible, once each; new tiles are picked up after DOM changes.
  let observeAll = () => {};
  if (on('tiles')) {
    const seen = new WeakSet<Element>();
    const io = new IntersectionObserver(guard((entries: IntersectionObserverEntry[]) => {
      for (const en of entries) {
        if (!en.isIntersecting) continue;
        io.unobserve(en.target);
        const t = tileItem(en.target as HTMLElement);
        track({ type: 'custom', name: 'impression', item: t.item, props: t.list ? { list: t.list } : undefined });
      }
    }), { threshold: 0.5 });
    observeAll = guard(() => document.querySelectorAll('[data-hearth-item]').forEach((el) => { if (!seen.has(el)) { seen.add(el); io.observe(el); } }));
    // Coalesce bursts of DOM mutations (SPA renders) into one scan.
    let queued = false;
    const mo = new MutationObserver(() => { if (!queued) { queued = true; setTimeout(() => { queued = false; observeAll(); }, 50); } });
    mo.observe(document, { childList: true, subtree: true });
    stops.push(() => { io.disconnect(); mo.disconnect(); });
  }

  const page = guard((at: number) => {
    endDwell();
    dwellItem = null;
    observeAll();
    const found = on('products') ? pageProduct(document) : undefined;
    if (!found) return;
    track({ type: 'product_view', item: found });
    if (on('dwell')) { dwellItem = found; visibleSince = visibleSinceNow(at); dwellMs = 0; }
  });
  page(shownAt);
  return { page, stop: () => { endDwell(); stops.forEach((s) => s()); } };
}
