import { serializeModel } from '../../../../src/model/artifacts';
import type { ModelArtifacts } from '../../../../src/model/model-manifest';
import { createSasRec } from '../../../../src/model/sasrec';

/** A small untrained model with item ids `sku-1..sku-N` (deterministic per seed). */
export async function tinyArtifacts(seed = 1, numItems = 40, modelVersion = `v${seed}`): Promise<ModelArtifacts> {
  const model = createSasRec({ numItems, dim: 8, maxLen: 10, blocks: 1, heads: 1, dropout: 0 }, seed);
  try {
    const items = ['', ...Array.from({ length: numItems }, (_, i) => `sku-${i + 1}`)];
    const popularity = items.map((_, i) => (i === 0 ? 0 : (i * 7919) % 53));
    return await serializeModel(model, { items, popularity, modelVersion });
  } finally {
    model.dispose();
  }
}

/** The files `hearth train` writes, keyed by name, for a served model directory. */
export function modelFiles(a: ModelArtifacts): Map<string, Uint8Array | string> {
  const files = new Map<string, Uint8Array | string>([
    ['manifest.json', JSON.stringify(a.manifest)],
    ['model.json', JSON.stringify(a.modelJson)],
  ]);
  let o = 0;
  for (const f of a.manifest.weightFiles) {
    files.set(f.path, new Uint8Array(a.weightData.slice(o, o + f.bytes)));
    o += f.bytes;
  }
  return files;
}

/**
 * An in-memory HTTP origin for unit tests (the e2e tests use a real server): serves `files`
 * under `base`, answers 404 otherwise, and can be switched offline.
 */
export function memoryOrigin(base: string) {
  let files = new Map<string, Uint8Array | string>();
  let online = true;
  const fetchFn = (async (input: RequestInfo | URL) => {
    if (!online) throw new TypeError('Failed to fetch');
    const url = String(input instanceof Request ? input.url : input);
    const body = url.startsWith(base) ? files.get(url.slice(base.length)) : undefined;
    return body === undefined ? new Response('not found', { status: 404 }) : new Response(body as BodyInit, { status: 200 });
  }) as typeof fetch;
  return {
    fetch: fetchFn,
    serve(next: Map<string, Uint8Array | string>) { files = next; },
    setOnline(v: boolean) { online = v; },
  };
}
