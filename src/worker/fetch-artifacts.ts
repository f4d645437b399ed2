import type { ModelArtifacts, ModelJson, ModelManifest } from '../model/model-manifest';
import { RecommendError } from '../recommend/recommend-error';

/** Largest model download we accept (weights), so a bad manifest cannot exhaust memory. */
export const MAX_MODEL_BYTES = 256 * 1024 * 1024;

/** A fresh download, or the server saying our cached copy (by ETag) is current. */
export type FetchedArtifacts = { notModified: true } | { notModified: false; artifacts: ModelArtifacts; etag: string | null };

/** A fetch that rejects after `timeoutMs` with a RecommendError naming the URL. */
async function get(fetchFn: typeof fetch, url: string, timeoutMs: number, headers: Record<string, string> = {}): Promise<Response> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  try {
    const res = await fetchFn(url, { headers, signal: ctl.signal, cache: 'no-cache' });
    if (res.status !== 304 && !res.ok) throw new RecommendError('no_model', `model download failed: GET ${url} answered ${res.status}`);
    return res;
  } catch (e) {
    if (e instanceof RecommendError) throw e;
    const why = ctl.signal.aborted ? `timed out after ${timeoutMs} ms` : (e as Error)?.message ?? String(e);
    throw new RecommendError('no_model', `model download failed: GET ${url}: ${why}`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Downloads a model written by `hearth train` from `manifestUrl` (its manifest.json; model.json
 * and the weight shards sit next to it). With `etag`, a 304 answer means "keep the cache".
 * Hashes are not checked here: `loadModel` verifies every shard before anything is built.
 * Rejects with RecommendError('no_model') when unreachable, malformed or too large.
 */
export async function fetchArtifacts(manifestUrl: string, options: { fetch?: typeof fetch; timeoutMs?: number; etag?: string | null } = {}): Promise<FetchedArtifacts> {
  const fetchFn = options.fetch ?? fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? 15_000;
  const res = await get(fetchFn, manifestUrl, timeoutMs, options.etag ? { 'if-none-match': options.etag } : {});
  if (res.status === 304) return { notModified: true };
  const manifest = await json<ModelManifest>(res, manifestUrl);
  const modelJsonUrl = new URL('model.json', res.url || manifestUrl).href;
  const modelJson = await json<ModelJson>(await get(fetchFn, modelJsonUrl, timeoutMs), modelJsonUrl);
  const paths = Array.isArray(modelJson?.weightsManifest) ? modelJson.weightsManifest.flatMap((g) => g.paths ?? []) : [];
  if (paths.length === 0) throw new RecommendError('no_model', `${modelJsonUrl} lists no weight files`);
  const declared = Array.isArray(manifest?.weightFiles) ? manifest.weightFiles.reduce((n, f) => n + (Number(f?.bytes) || 0), 0) : 0;
  if (declared > MAX_MODEL_BYTES) throw new RecommendError('no_model', `model weights are ${declared} bytes; the limit is ${MAX_MODEL_BYTES}`);
  const shards = await Promise.all(
    paths.map(async (p) => {
      if (typeof p !== 'string' || p.includes('..')) throw new RecommendError('no_model', `model.json has a bad weight path '${String(p)}'`);
      const url = new URL(p, modelJsonUrl).href;
      return new Uint8Array(await (await get(fetchFn, url, timeoutMs)).arrayBuffer());
    }),
  );
  const total = shards.reduce((n, s) => n + s.byteLength, 0);
  if (total > MAX_MODEL_BYTES) throw new RecommendError('no_model', `model weights are ${total} bytes; the limit is ${MAX_MODEL_BYTES}`);
  const weightData = new Uint8Array(total);
  let o = 0;
  for (const s of shards) { weightData.set(s, o); o += s.byteLength; }
  return { notModified: false, artifacts: { manifest, modelJson, weightData: weightData.buffer }, etag: res.headers.get('etag') };
}

async function json<T>(res: Response, url: string): Promise<T> {
  try {
    return (await res.json()) as T;
  } catch {
    throw new RecommendError('no_model', `${url} is not valid JSON`);
  }
}
