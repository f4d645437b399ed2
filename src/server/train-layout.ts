// The server's model versions in the `hearth train` folder layout (manifest.json, model.json,
// weight shards), so a shop can point the SDK's `modelUrl` at its aggregation server.
import { createHash } from 'node:crypto';
import type { ManifestTensor } from '../protocol';
import type { ModelConfig } from '../model/model-config';
import { validateConfig } from '../model/model-config';
import type { ModelJson, ModelManifest as TrainManifest, WeightEntry } from '../model/model-manifest';
import { MANIFEST_FORMAT_VERSION, SHARD_BYTES } from '../model/model-manifest';
import { weightSpecs } from '../model/weight-specs';

/** What a train-layout model needs besides the weights: the seed model's catalogue data. */
export interface TrainLayoutInfo {
  config: ModelConfig;
  /** Index → shop item id; items[0] is '' (padding). */
  items: string[];
  /** Interaction counts per item index (cold-start ranking). */
  popularity: number[];
  /** [numItems+1, attributesPerItem] int32 table when the model uses item attributes. */
  itemAttributes?: Int32Array | null;
  /** modelVersion of the seed model, recorded in every served manifest's metrics. */
  seedModelVersion?: string;
}

/** One version in train layout: the manifest, model.json, and every file's bytes by name (both JSON files and the shards). */
export interface TrainLayoutArtifacts {
  manifest: TrainManifest;
  modelJson: ModelJson;
  files: Map<string, Buffer>;
  /** Strong ETag of this version's manifest (changes with the version and its weights). */
  etag: string;
}

/** The ETag the train-layout manifest of `version` (with weights hash `sha256`) is served under. */
export function trainLayoutEtag(version: number, sha256: string): string {
  return `"t${version}-${sha256.slice(0, 16)}"`;
}

/**
 * Checks `info` against a stored tensor layout: a valid SASRec config whose every weight
 * (weightSpecs order) is stored with the same shape, items and popularity of numItems+1 entries,
 * and an attribute table of the right size when the config has one. Returns why not, or null.
 */
export function checkTrainLayout(info: TrainLayoutInfo, tensors: readonly ManifestTensor[]): string | null {
  if (!info || typeof info !== 'object') return 'train layout must be an object';
  let config: ModelConfig;
  try {
    config = validateConfig(info.config);
  } catch (e) {
    return `config: ${(e as Error).message}`;
  }
  const n = config.numItems + 1;
  if (!Array.isArray(info.items) || info.items.length !== n || info.items.some((x) => typeof x !== 'string')) return `items must list numItems+1 = ${n} ids`;
  if (!Array.isArray(info.popularity) || info.popularity.length !== n || info.popularity.some((x) => !Number.isFinite(x))) return `popularity must have ${n} finite counts`;
  const p = config.attributesPerItem ?? 0;
  if (p > 0 && !(info.itemAttributes instanceof Int32Array && info.itemAttributes.length === n * p)) return `itemAttributes must be an Int32Array of ${n * p} entries`;
  const stored = new Map(tensors.map((t) => [t.name, t.shape.join('x')]));
  for (const s of weightSpecs(config)) {
    if (stored.get(s.name) !== s.shape.join('x')) return `stored model has no tensor ${s.name} of shape ${s.shape.join('x')}`;
  }
  return null;
}

/**
 * Builds the train-layout artifacts of one stored version: float32 weights in weightSpecs order
 * (plus the attribute table), split into ≤ 4 MiB shards with their sha256, exactly what
 * `loadModel` verifies. `info` must have passed `checkTrainLayout` against `tensors`.
 */
export function buildTrainLayout(version: number, weights: Uint8Array, tensors: readonly ManifestTensor[], weightsSha256: string, info: TrainLayoutInfo): TrainLayoutArtifacts {
  const why = checkTrainLayout(info, tensors);
  if (why) throw new RangeError(`train layout: ${why}`);
  const config = validateConfig(info.config);
  const byName = new Map(tensors.map((t) => [t.name, t]));
  const specs = weightSpecs(config);
  const entries: WeightEntry[] = [];
  const parts: Uint8Array[] = [];
  for (const s of specs) {
    const t = byName.get(s.name)!;
    const bytes = s.shape.reduce((a, b) => a * b, 1) * 4;
    if (t.offset + bytes > weights.byteLength) throw new RangeError(`train layout: weights file too short for ${s.name}`);
    parts.push(weights.subarray(t.offset, t.offset + bytes));
    entries.push({ name: s.name, shape: [...s.shape], dtype: 'float32' });
  }
  if (config.attributesPerItem) {
    const a = info.itemAttributes!;
    parts.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    entries.push({ name: 'item_attrs', shape: [config.numItems + 1, config.attributesPerItem], dtype: 'int32' });
  }
  const all = Buffer.concat(parts);
  const count = Math.max(1, Math.ceil(all.byteLength / SHARD_BYTES));
  const files = new Map<string, Buffer>();
  const weightFiles: TrainManifest['weightFiles'] = [];
  for (let i = 0; i < count; i++) {
    const path = `group1-shard${i + 1}of${count}.bin`;
    const shard = all.subarray(i * SHARD_BYTES, Math.min(all.byteLength, (i + 1) * SHARD_BYTES));
    files.set(path, shard);
    weightFiles.push({ path, bytes: shard.byteLength, sha256: createHash('sha256').update(shard).digest('hex') });
  }
  const modelJson: ModelJson = {
    format: 'hearth-sasrec',
    generatedBy: 'hearth serve',
    modelTopology: { class_name: 'SasRec', config: { ...config } },
    weightsManifest: [{ paths: weightFiles.map((f) => f.path), weights: entries }],
  };
  const manifest: TrainManifest = {
    formatVersion: MANIFEST_FORMAT_VERSION,
    // Distinct per server version and content, so caches and the SDK's modelVersion move with rounds.
    modelVersion: `fl${version}-${weightsSha256.slice(0, 12)}`,
    precision: 'fp32',
    config: { ...config },
    items: [...info.items],
    popularity: [...info.popularity],
    weightFiles,
    metrics: { serverVersion: version, ...(info.seedModelVersion ? { seedModelVersion: info.seedModelVersion } : {}) },
  };
  // Serialised once: a Beauty-sized manifest (12k item ids) is ~200 KB of JSON.
  files.set('manifest.json', Buffer.from(JSON.stringify(manifest)));
  files.set('model.json', Buffer.from(JSON.stringify(modelJson)));
  return { manifest, modelJson, files, etag: trainLayoutEtag(version, weightsSha256) };
}
