// Bench page: a scripted shopping session (page load, 1,000 tracked events at a human-like pace
// of 10 per frame, not awaited one by one; 100 recommendations; one fine-tune round), recording
// long tasks and timings.
// Every id and query carries a marker (hbi-, hbq-) so leaked request bodies can be spotted.

const frame = () => new Promise((ok) => requestAnimationFrame(() => ok()));

function sessionEvent(i, items) {
  const item = { id: items[(i * 7919) % items.length], price: 5 + (i % 40), category: `hbc-${i % 9}`, currency: 'EUR' };
  switch (i % 10) {
    case 3: return { type: 'click', item };
    case 5: return { type: 'add_to_cart', item };
    case 7: return { type: 'search', query: `hbq-${i}` };
    case 9: return { type: 'purchase', items: [item], value: item.price, currency: 'EUR' };
    default: return { type: 'product_view', item };
  }
}

// One fine-tune round in a bench worker running the real federated device loop (see
// scripts/bench/finetune.ts): off the main thread, as Hearth trains.
function finetuneRound({ workerUrl, ...request }) {
  return new Promise((ok, fail) => {
    const w = new Worker(workerUrl);
    w.onmessage = ({ data }) => { w.terminate(); if (data.ok) ok(data.result); else fail(new Error(data.error)); };
    w.onerror = (e) => { w.terminate(); fail(new Error(e.message || 'fine-tune worker failed to start')); };
    w.postMessage(request);
  });
}

window.bench = {
  /**
   * Runs the session and returns what each part came to, the long tasks seen and the phase
   * boundaries (load → tracks → recommendations → fine-tune → end). A failing part is recorded,
   * not thrown, so the long-task and privacy figures still cover the rest of the session.
   */
  async run({ hearthEsm, options, items, tracks, recommendations, finetune }) {
    const result = { observer: window.longTaskObserver, tracked: {}, recs: 0, recSources: {}, recErrors: {}, finetune: null, finetuneError: null };
    const h = (await import(hearthEsm)).createHearth(options);
    const phases = { tracks: performance.now() };
    // 10 per frame, as a page would call track(): without waiting for each call to be stored
    // (waiting paced the phase by Hearth's 200 ms batch delay: ~20 s for 1,000 events).
    const pending = [];
    for (let i = 0; i < tracks; i += 10) {
      for (let j = i; j < Math.min(tracks, i + 10); j++) pending.push(h.track(sessionEvent(j, items)));
      await frame();
    }
    for (const outcome of await Promise.all(pending)) result.tracked[outcome] = (result.tracked[outcome] ?? 0) + 1;
    phases.recommendations = performance.now();
    if (recommendations > 0 && typeof h.recommend === 'function') {
      for (let i = 0; i < recommendations; i++) {
        try {
          const r = await h.recommend({ k: 10 });
          result.recs++;
          result.recSources[r.source] = (result.recSources[r.source] ?? 0) + 1;
        } catch (e) {
          const msg = String(e && e.message ? e.message : e).split('\n')[0];
          result.recErrors[msg] = (result.recErrors[msg] ?? 0) + 1;
        }
        await frame();
      }
    }
    phases.finetune = performance.now();
    if (finetune) {
      try { result.finetune = await finetuneRound(finetune); } catch (e) { result.finetuneError = String(e && e.message ? e.message : e); }
    }
    phases.end = performance.now();
    await frame();
    await new Promise((ok) => setTimeout(ok, 200)); // let the last long-task entries arrive
    await h.close();
    return { ...result, phases, longTasks: window.longTasks };
  },
};
window.benchReady = true;
