// "Send a model update now": fine-tunes the model on this device's events, reads what is about
// to leave (the encoded update in Hearth's outbox: size and clip norm, per src/protocol.ts),
// uploads it to the aggregation server, and remembers a summary for the privacy panel.
import { explain } from './notice.js';

const KEY = 'hearth-demo-last-update';

/** The summary of the last update this browser sent `{ bytes, clipNorm, epsilon, sentAt }`, or null. */
export function lastSentUpdate() {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    return v && Number.isFinite(v.bytes) ? v : null;
  } catch {
    return null;
  }
}

/** Forgets the summary ("forget me"). */
export function clearLastSentUpdate() {
  try { localStorage.removeItem(KEY); } catch { /* nothing to remove */ }
}

/**
 * Runs one federated round trip from this device. Resolves the summary, or null with an
 * explanation when it could not (no consent, too little history, server down). Never rejects.
 */
export async function sendUpdateNow() {
  try {
    // The script tag has no federation setting yet, so a second, ESM-built instance does it.
    const { createHearth } = await import('/dist/hearth.esm.js');
    const h = createHearth({ requireConsent: true, autocapture: false, recommend: { modelUrl: '/model/manifest.json', workerUrl: '/dist/hearth-worker.js', federationUrl: location.origin, timeoutMs: 30_000 } });
    try {
      const tuned = await h.recommender.finetune();
      if (!tuned.queued) throw new Error('nothing to learn from yet: browse a few products first');
      const queued = await outboxSizes();
      const sync = await h.recommender.sync();
      if (sync.uploaded === 0) throw new Error('the aggregation server did not take the update (it stays in the outbox)');
      const status = await (await fetch('/v1/status')).json().catch(() => null);
      const last = queued.at(-1) ?? { bytes: NaN, clipNorm: NaN };
      const summary = { bytes: last.bytes, clipNorm: last.clipNorm, epsilon: status?.privacy?.epsilon ?? null, sentAt: Date.now() };
      try { localStorage.setItem(KEY, JSON.stringify(summary)); } catch { /* shown once, not remembered */ }
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

/** Size and clip norm (f32 at byte 14 of the update format) of each update waiting in the outbox. */
async function outboxSizes() {
  if (!(await indexedDB.databases()).some((d) => d.name === 'hearth')) return [];
  const db = await new Promise((ok, fail) => {
    const r = indexedDB.open('hearth');
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  try {
    const records = await new Promise((ok, fail) => {
      const r = db.transaction('outbox').objectStore('outbox').getAll();
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    return records.sort((a, b) => a.createdAt - b.createdAt).map((rec) => {
      const bytes = rec.body instanceof ArrayBuffer ? new Uint8Array(rec.body) : rec.body;
      const clipNorm = bytes.byteLength >= 18 ? new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getFloat32(14, true) : NaN;
      return { bytes: bytes.byteLength, clipNorm };
    });
  } finally {
    db.close();
  }
}
