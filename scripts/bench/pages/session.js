// Bench page: a scripted shopping session (page load, 1,000 tracked events at a human-like pace
// of 10 per frame, 100 recommendations, one fine-tune round), recording long tasks and timings.
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

window.bench = {
  /**
   * Runs the session. `steps` says which parts exist; returns timings, what each part came to,
   * and the long tasks seen (with the time the session started, to split load from the rest).
   */
  async run({ hearthEsm, options, items, tracks, recommendations, finetune }) {
    const result = { observer: window.longTaskObserver, tracked: {}, recs: 0, recSources: {}, finetuneMs: null, finetune: null };
    const h = (await import(hearthEsm)).createHearth(options);
    const phases = { tracks: performance.now() };
    const sessionStart = phases.tracks;
    for (let i = 0; i < tracks; i += 10) {
      const batch = [];
      for (let j = i; j < Math.min(tracks, i + 10); j++) batch.push(h.track(sessionEvent(j, items)));
      for (const outcome of await Promise.all(batch)) result.tracked[outcome] = (result.tracked[outcome] ?? 0) + 1;
      await frame();
    }
    phases.recommendations = performance.now();
    if (recommendations > 0 && typeof h.recommend === 'function') {
      for (let i = 0; i < recommendations; i++) {
        const r = await h.recommend({ k: 10 });
        result.recs++;
        result.recSources[r.source] = (result.recSources[r.source] ?? 0) + 1;
        await frame();
      }
    }
    phases.finetune = performance.now();
    if (finetune && typeof h[finetune] === 'function') {
      const t0 = performance.now();
      result.finetune = await h[finetune]();
      result.finetuneMs = performance.now() - t0;
    }
    phases.end = performance.now();
    await frame();
    await new Promise((ok) => setTimeout(ok, 200)); // let the last long-task entries arrive
    await h.close();
    return { ...result, sessionStart, phases, longTasks: window.longTasks };
  },
};
window.benchReady = true;
