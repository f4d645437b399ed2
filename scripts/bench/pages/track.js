// Bench page: loads Hearth, Segment and Snowplow into the same page, all pointed at the bench's
// local sink, and times the synchronous main-thread cost of their track() calls on the same
// events. Driven from Node through window.bench (see scripts/bench/track-cost.ts).

const trackers = {};
let seq = 0;

// The same product views for every tracker; a counter keeps them distinct (no dedupe shortcut).
function nextEvent() {
  const i = seq++;
  return { id: `sku-${i % 997}`, name: `Product ${i % 997}`, category: `cat-${i % 12}`, brand: `brand-${i % 31}`, price: 5 + (i % 90), n: i };
}

// Adapters: one call per event, exactly what a shop would write.
const adapters = {
  async hearth({ hearthEsm, hearthOptions }) {
    const mod = await import(hearthEsm);
    const h = await mod.createHearth(hearthOptions);
    return (e) => h.track({ type: 'product_view', item: { id: e.id, name: e.name, category: e.category, brand: e.brand, price: e.price, currency: 'EUR' }, position: e.n });
  },
  async hearth_script({ hearthIife, hearthScriptData }) {
    await new Promise((ok, fail) => {
      const el = document.createElement('script');
      el.src = hearthIife;
      for (const [k, v] of Object.entries(hearthScriptData ?? {})) el.setAttribute(`data-${k}`, v);
      el.onload = ok;
      el.onerror = () => fail(new Error(`${hearthIife} failed to load`));
      document.head.append(el);
    });
    if (!window.Hearth || typeof window.Hearth.track !== 'function') throw new Error('window.Hearth.track is not defined by dist/hearth.iife.js');
    return (e) => window.Hearth.track({ type: 'product_view', item: { id: e.id, name: e.name, category: e.category, brand: e.brand, price: e.price, currency: 'EUR' }, position: e.n });
  },
  async segment({ segmentEntry }) {
    const { AnalyticsBrowser } = await import(segmentEntry);
    const sink = { apiHost: `${location.host}/sink/segment`, protocol: 'http' };
    const [analytics] = await AnalyticsBrowser.load(
      // Settings given inline: no CDN fetch; events and Segment's own metrics go to the local sink.
      { writeKey: 'bench', cdnSettings: { integrations: { 'Segment.io': { apiKey: 'bench', ...sink } }, metrics: { host: sink.apiHost } } },
      { integrations: { 'Segment.io': sink } },
    );
    return (e) => analytics.track('Product Viewed', { product_id: e.id, name: e.name, category: e.category, brand: e.brand, price: e.price, currency: 'EUR', position: e.n });
  },
  async snowplow({ snowplowEntry }) {
    const sp = await import(snowplowEntry);
    sp.newTracker('bench', `${location.origin}/sink/snowplow`, { appId: 'bench', eventMethod: 'post' });
    return (e) => sp.trackSelfDescribingEvent({
      event: { schema: 'iglu:com.example/product_view/jsonschema/1-0-0', data: { product_id: e.id, name: e.name, category: e.category, brand: e.brand, price: e.price, currency: 'EUR', position: e.n } },
    });
  },
};

// What a call came to: its resolved string (Hearth's TrackOutcome), 'ok', 'rejected' or 'timeout'.
const settle = (value, ms) => Promise.race([
  Promise.resolve(value).then((v) => (typeof v === 'string' ? v : 'ok'), () => 'rejected'),
  new Promise((ok) => setTimeout(() => ok('timeout'), ms)),
]);

window.bench = {
  /** Loads each named tracker; returns { name: 'ok' | error message }. */
  async setup(names, config) {
    const status = {};
    for (const name of names) {
      try {
        trackers[name] = await adapters[name](config);
        status[name] = 'ok';
      } catch (error) {
        status[name] = `${error && error.message ? error.message : String(error)}`.split('\n')[0];
      }
    }
    return status;
  },
  /**
   * Interleaved: for each of `samples` rounds, times `batch` consecutive calls of every named
   * tracker in turn (the order rotates), then waits for all those calls' own async work, so
   * queues stay bounded and the trackers' flush delays overlap instead of adding up.
   * Returns { name: { perCall, outcomes } }.
   */
  async runInterleaved(names, batch, samples) {
    const out = Object.fromEntries(names.map((n) => [n, { perCall: [], outcomes: {} }]));
    for (const n of names) if (!trackers[n]) throw new Error(`${n} is not set up`);
    for (let s = 0; s < samples; s++) {
      const pending = [];
      for (let i = 0; i < names.length; i++) {
        const name = names[(i + s) % names.length];
        const track = trackers[name];
        const calls = new Array(batch);
        const events = Array.from({ length: batch }, nextEvent);
        const t0 = performance.now();
        for (let j = 0; j < batch; j++) calls[j] = track(events[j]);
        const t1 = performance.now();
        out[name].perCall.push(((t1 - t0) * 1000) / batch);
        pending.push(...calls.map((p) => settle(p, 2000).then((o) => { out[name].outcomes[o] = (out[name].outcomes[o] ?? 0) + 1; })));
      }
      await Promise.all(pending);
      await new Promise((ok) => setTimeout(ok, 0));
    }
    return out;
  },
  /**
   * `samples` timings of `batch` consecutive calls each (µs per call; batches beat the browser's
   * coarse timer), then waits for the calls' own async work so queues stay bounded.
   */
  async run(name, batch, samples) {
    const track = trackers[name];
    if (!track) throw new Error(`${name} is not set up`);
    const perCall = [];
    const outcomes = {};
    for (let s = 0; s < samples; s++) {
      const pending = new Array(batch);
      const events = Array.from({ length: batch }, nextEvent);
      const t0 = performance.now();
      for (let j = 0; j < batch; j++) pending[j] = track(events[j]);
      const t1 = performance.now();
      perCall.push(((t1 - t0) * 1000) / batch);
      for (const o of await Promise.all(pending.map((p) => settle(p, 2000)))) outcomes[o] = (outcomes[o] ?? 0) + 1;
      await new Promise((ok) => setTimeout(ok, 0));
    }
    return { perCall, outcomes };
  },
};
window.benchReady = true;
