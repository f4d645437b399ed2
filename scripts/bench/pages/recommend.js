// Bench page: times, from the main thread, Hearth's recommend() per backend and the bare
// matrix-vector product of the same size on the same backend in a bench worker (the floor).

let floor = null;
let nextId = 1;
let hearth = null;
// Which context item the next fresh-window recommend() call passes.
let turn = 0;

function call(worker, msg) {
  const id = nextId++;
  return new Promise((ok, fail) => {
    const onMessage = ({ data }) => {
      if (data.id !== id) return;
      worker.removeEventListener('message', onMessage);
      if (data.error) fail(new Error(data.error)); else ok(data.result);
    };
    worker.addEventListener('message', onMessage);
    worker.postMessage({ ...msg, id });
  });
}

async function timed(fn, reps) {
  const ms = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return ms;
}

window.bench = {
  /** Starts a fresh floor worker on `backend` with a rows × dim matrix; returns backend flags. */
  async floorInit(backend, rows, dim) {
    if (floor) floor.terminate();
    floor = new Worker('./floor-worker.js');
    floor.addEventListener('error', (e) => console.error('floor worker', e.message));
    return call(floor, { cmd: 'init', backend, rows, dim });
  },
  /** `reps` timings (ms) of one product + read-back, after `warmup` untimed ones. */
  async floorRun(reps, warmup) {
    await timed(() => call(floor, { cmd: 'run' }), warmup);
    return timed(() => call(floor, { cmd: 'run' }), reps);
  },
  floorStop() { if (floor) floor.terminate(); floor = null; },

  /**
   * A fresh Hearth instance with `options` (backend forced, bench model URL), `history` tracked,
   * and one recommend() answered; returns how it answered, or { missing } when the instance has
   * no recommend() yet.
   */
  async hearthInit(hearthEsm, options, history) {
    const mod = await import(hearthEsm);
    if (hearth) await hearth.close();
    hearth = mod.createHearth(options);
    if (typeof hearth.recommend !== 'function') return { missing: 'createHearth(...).recommend is not a function yet' };
    await Promise.all(history.map((id) => hearth.track({ type: 'product_view', item: { id } })));
    const first = await hearth.recommend({ k: 10 });
    return { source: first.source, backend: first.backend, warning: first.warning ?? null, items: first.items.length };
  },
  /**
   * `reps` timings (ms) of recommend({ k: 10 }) from the main thread, after `warmup` untimed ones.
   * With `contexts` (item ids), each call passes the next one as `context` (a product page's
   * call), so no two calls in a row ask about the same history window; without, every call
   * repeats the last one (several widgets, no new event).
   */
  async hearthRun(reps, warmup, contexts) {
    const next = () => (contexts ? { k: 10, context: [contexts[turn++ % contexts.length]] } : { k: 10 });
    await timed(() => hearth.recommend(next()), warmup);
    return timed(() => hearth.recommend(next()), reps);
  },
  async hearthStop() { if (hearth) await hearth.close(); hearth = null; },

  /**
   * Time from loading the script (dynamic import of the ESM bundle) to the first recommendation
   * answered by the model, in ms, with what answered it.
   */
  async firstRecommendation(hearthEsm, options, history) {
    const t0 = performance.now();
    const mod = await import(hearthEsm);
    const h = mod.createHearth(options);
    if (typeof h.recommend !== 'function') return { missing: 'createHearth(...).recommend is not a function yet' };
    await Promise.all(history.map((id) => h.track({ type: 'product_view', item: { id } })));
    const r = await h.recommend({ k: 10 });
    const ms = performance.now() - t0;
    await h.close();
    return { ms, source: r.source, backend: r.backend, warning: r.warning ?? null };
  },
};
window.benchReady = true;
