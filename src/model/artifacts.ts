import * as tf from '@tensorflow/tfjs-core';
import { ArtifactError } from './artifact-error';
import type { ModelArtifacts, ModelJson, ModelManifest, WeightEntry } from './model-manifest';
import { MANIFEST_FORMAT_VERSION, SHARD_BYTES } from './model-manifest';
import { validateConfig } from './model-config';
import type { Precision } from './quantize';
import { quantizeWeight } from './quantize';
import { createSasRec } from './sasrec';
import type { NamedWeights, SasRec } from './sasrec';
import { sha256Hex } from './sha256';
import { sizeOf, weightSpecs } from './weight-specs';

/** What serializeModel needs besides the model. */
export interface SerializeInfo {
  items: string[];
  popularity: ArrayLike<number>;
  metrics?: Record<string, number | string>;
  precision?: Precision;
  modelVersion?: string;
}

/**
 * Serialises a model to tfjs-style artifacts: model.json with a standard weights manifest
 * (float16 / uint8 quantisation entries as tfjs defines them; int8 only for matrices, vectors
 * stay float32), weight shards of ≤ 4 MiB, and a manifest with the sha256 of every shard.
 */
export async function serializeModel(model: SasRec, info: SerializeInfo): Promise<ModelArtifacts> {
  const precision = info.precision ?? 'fp32';
  if (!['fp32', 'fp16', 'int8'].includes(precision)) throw new RangeError(`precision must be fp32, fp16 or int8, got '${precision}'`);
  const c = model.config;
  if (!Array.isArray(info.items) || info.items.length !== c.numItems + 1) throw new RangeError(`items must list numItems+1 = ${c.numItems + 1} ids (index 0 = '')`);
  if (info.popularity.length !== c.numItems + 1) throw new RangeError(`popularity must have numItems+1 = ${c.numItems + 1} counts`);
  const weights = model.getWeights();
  const entries: WeightEntry[] = [];
  const parts: Uint8Array[] = [];
  for (const s of model.weightSpecs()) {
    const p: Precision = precision === 'int8' && s.shape.length < 2 ? 'fp32' : precision;
    const { bytes, quantization } = quantizeWeight(weights[s.name]!, p);
    entries.push({ name: s.name, shape: s.shape, dtype: 'float32', ...(quantization ? { quantization } : {}) });
    parts.push(bytes);
  }
  if (c.attributesPerItem) {
    entries.push({ name: 'item_attrs', shape: [c.numItems + 1, c.attributesPerItem], dtype: 'int32' });
    parts.push(new Uint8Array(model.itemAttributes.slice().buffer));
  }
  const all = concat(parts);
  const n = Math.max(1, Math.ceil(all.byteLength / SHARD_BYTES));
  const paths = Array.from({ length: n }, (_, i) => `group1-shard${i + 1}of${n}.bin`);
  const weightFiles = await Promise.all(
    paths.map(async (path, i) => {
      const shard = all.subarray(i * SHARD_BYTES, Math.min(all.byteLength, (i + 1) * SHARD_BYTES));
      return { path, bytes: shard.byteLength, sha256: await sha256Hex(shard) };
    }),
  );
  const modelJson: ModelJson = {
    format: 'hearth-sasrec',
    generatedBy: 'hearth',
    modelTopology: { class_name: 'SasRec', config: { ...c } },
    weightsManifest: [{ paths, weights: entries }],
  };
  const manifest: ModelManifest = {
    formatVersion: MANIFEST_FORMAT_VERSION,
    modelVersion: info.modelVersion ?? (await sha256Hex(all)).slice(0, 16),
    precision,
    config: { ...c },
    items: [...info.items],
    popularity: Array.from(info.popularity),
    weightFiles,
    metrics: { ...(info.metrics ?? {}) },
  };
  return { modelJson, weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer, manifest };
}

/**
 * Loads artifacts into a SasRec on the current tfjs backend. Verifies, before building anything:
 * the manifest format, that model.json and the manifest agree on the architecture, the byte size
 * and sha256 of every weight shard, and every weight's name and shape. Quantised weights are
 * dequantised to float32 (tf.io.decodeWeights). Throws ArtifactError saying what is wrong.
 */
export async function loadModel(artifacts: ModelArtifacts): Promise<{ model: SasRec; manifest: ModelManifest }> {
  const { modelJson, weightData, manifest } = artifacts ?? ({} as ModelArtifacts);
  if (!manifest || typeof manifest !== 'object') throw new ArtifactError('manifest is missing');
  if (manifest.formatVersion !== MANIFEST_FORMAT_VERSION) throw new ArtifactError(`manifest formatVersion ${String(manifest.formatVersion)} is not supported (expected ${MANIFEST_FORMAT_VERSION})`);
  let config;
  try {
    config = validateConfig(manifest.config);
  } catch (err) {
    throw new ArtifactError(`manifest: ${(err as Error).message}`);
  }
  if (modelJson?.format !== 'hearth-sasrec' || !Array.isArray(modelJson.weightsManifest)) throw new ArtifactError("model.json is not a 'hearth-sasrec' model");
  const topo = modelJson.modelTopology?.config as unknown as Record<string, unknown>;
  for (const k of Object.keys(config) as (keyof typeof config)[]) {
    if (topo?.[k] !== config[k]) throw new ArtifactError(`dimension mismatch: model.json says ${k}=${String(topo?.[k])}, manifest says ${String(config[k])}`);
  }
  if (!Array.isArray(manifest.items) || manifest.items.length !== config.numItems + 1) throw new ArtifactError(`manifest: items must list numItems+1 = ${config.numItems + 1} ids`);
  if (!Array.isArray(manifest.popularity) || manifest.popularity.length !== config.numItems + 1) throw new ArtifactError(`manifest: popularity must have ${config.numItems + 1} counts`);
  if (!(weightData instanceof ArrayBuffer)) throw new ArtifactError('weight data is missing');
  await verifyShards(manifest, modelJson, weightData);
  const entries = modelJson.weightsManifest.flatMap((g) => g.weights);
  const expected = weightSpecs(config);
  const byName = new Map(entries.map((e) => [e.name, e]));
  for (const s of expected) {
    const e = byName.get(s.name);
    if (!e) throw new ArtifactError(`model.json: weight '${s.name}' is missing`);
    if (e.shape.join('x') !== s.shape.join('x')) throw new ArtifactError(`dimension mismatch: weight '${s.name}' has shape ${e.shape.join('x')}, config needs ${s.shape.join('x')}`);
  }
  const expectedBytes = entries.reduce((n, e) => n + sizeOf(e.shape) * bytesPer(e), 0);
  if (expectedBytes !== weightData.byteLength) throw new ArtifactError(`dimension mismatch: weights need ${expectedBytes} bytes, files hold ${weightData.byteLength}`);
  const tensors = tf.io.decodeWeights(weightData, entries as tf.io.WeightsManifestEntry[]);
  try {
    let attrs: Int32Array | undefined;
    if (config.attributesPerItem) {
      const t = tensors.item_attrs;
      if (!t || t.shape.join('x') !== `${config.numItems + 1}x${config.attributesPerItem}`) throw new ArtifactError("dimension mismatch: 'item_attrs' table");
      attrs = t.dataSync() as Int32Array;
    }
    const model = createSasRec(config, 0, attrs);
    const named: NamedWeights = {};
    for (const s of expected) named[s.name] = tensors[s.name]!.dataSync() as Float32Array;
    model.setWeights(named);
    return { model, manifest };
  } finally {
    for (const t of Object.values(tensors)) t.dispose();
  }
}

async function verifyShards(manifest: ModelManifest, modelJson: ModelJson, weightData: ArrayBuffer): Promise<void> {
  const paths = modelJson.weightsManifest.flatMap((g) => g.paths);
  const files = manifest.weightFiles;
  if (!Array.isArray(files) || files.length !== paths.length || files.some((f, i) => f.path !== paths[i])) {
    throw new ArtifactError('manifest weightFiles do not match the shards listed in model.json');
  }
  const total = files.reduce((n, f) => n + f.bytes, 0);
  if (total !== weightData.byteLength) throw new ArtifactError(`weight files hold ${weightData.byteLength} bytes, manifest says ${total}`);
  let offset = 0;
  for (const f of files) {
    const hash = await sha256Hex(new Uint8Array(weightData, offset, f.bytes));
    if (hash !== f.sha256) throw new ArtifactError(`weight file ${f.path}: sha256 mismatch (file ${hash.slice(0, 12)}…, manifest ${String(f.sha256).slice(0, 12)}…)`);
    offset += f.bytes;
  }
}

function bytesPer(e: WeightEntry): number {
  if (e.quantization?.dtype === 'float16') return 2;
  if (e.quantization?.dtype === 'uint8') return 1;
  return 4;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.byteLength;
  }
  return out;
}
