// "Send a model update now": fine-tunes the model on this device's events, uploads the private
// update to the aggregation server, and returns the SDK's receipt of what left
// (hearth.lastUpdate(): bytes, clip norm, ε), which the privacy panel shows.
import { explain } from './notice.js';

/**
 * Runs one federated round trip from this device. Resolves the summary, or null with an
 * explanation when it could not (no consent, too little history, server down). Never rejects.
 */
export async function sendUpdateNow() {
  try {
    // The page's script-tag instance has no federation URL, so it never uploads on its own; a
    // second, ESM-built instance with one does it when asked.
    const { createHearth } = await import('/dist/hearth.esm.js');
    const h = createHearth({ requireConsent: true, autocapture: false, recommend: { modelUrl: '/model/manifest.json', workerUrl: '/dist/hearth-worker.js', federationUrl: location.origin, timeoutMs: 30_000 } });
    try {
      const tuned = await h.recommender.finetune();
      if (!tuned.queued) throw new Error('nothing to learn from yet: browse a few products first');
      const sync = await h.recommender.sync();
      if (sync.uploaded === 0) throw new Error('the aggregation server did not take the update (it stays in the outbox)');
      const summary = await h.lastUpdate();
      if (!summary) throw new Error('the update was sent but no receipt was stored');
      return summary;
    } finally {
      h.recommender.terminate?.();
      await h.close();
    }
  } catch (err) {
    explain(`No update was sent: ${err?.message ?? err}.`);
    return null;
  }
}
