// Node only: model artifacts to and from a directory (model.json, manifest.json, shards).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArtifactError } from './artifact-error';
import type { ModelArtifacts, ModelJson, ModelManifest } from './model-manifest';

/** Writes artifacts into `dir` (created if needed): model.json, manifest.json and each shard. */
export function saveModelDir(dir: string, a: ModelArtifacts): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'model.json'), JSON.stringify(a.modelJson));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(a.manifest));
  let offset = 0;
  for (const f of a.manifest.weightFiles) {
    writeFileSync(join(dir, f.path), new Uint8Array(a.weightData, offset, f.bytes));
    offset += f.bytes;
  }
}

/**
 * Reads artifacts from `dir` (hashes are checked later by loadModel). Throws ArtifactError for a
 * missing directory or file or unparsable JSON, naming the path.
 */
export function readModelDir(dir: string): ModelArtifacts {
  const modelJson = readJson(join(dir, 'model.json')) as ModelJson;
  const manifest = readJson(join(dir, 'manifest.json')) as ModelManifest;
  const paths = Array.isArray(modelJson?.weightsManifest) ? modelJson.weightsManifest.flatMap((g) => g.paths ?? []) : [];
  const shards = paths.map((p) => {
    if (typeof p !== 'string' || p.includes('..') || p.startsWith('/')) throw new ArtifactError(`${dir}/model.json: bad weight path '${String(p)}'`);
    return readBytes(join(dir, p));
  });
  const total = shards.reduce((n, s) => n + s.byteLength, 0);
  const weightData = new Uint8Array(total);
  let o = 0;
  for (const s of shards) {
    weightData.set(s, o);
    o += s.byteLength;
  }
  return { modelJson, manifest, weightData: weightData.buffer };
}

function readBytes(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch {
    throw new ArtifactError(`${path}: missing or unreadable`);
  }
}

function readJson(path: string): unknown {
  const text = readBytes(path).toString();
  try {
    return JSON.parse(text);
  } catch {
    throw new ArtifactError(`${path}: not valid JSON`);
  }
}
