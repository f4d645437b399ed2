import type { ModelConfig } from './model-config';
import type { Precision } from './quantize';

/** Current manifest format; loaders refuse other versions. */
export const MANIFEST_FORMAT_VERSION = 1;

/** Largest weight shard, as tfjs converters write them (and `hearth serve` serves them). */
export const SHARD_BYTES = 4 * 1024 * 1024;

/** Everything a loader or a shop needs to know about a trained model, next to model.json. */
export interface ModelManifest {
  formatVersion: number;
  /** Opaque model version (sha256 prefix of the fp32 weights unless given). */
  modelVersion: string;
  precision: Precision;
  config: ModelConfig;
  /** Index → shop item id; items[0] is '' (padding). */
  items: string[];
  /** Interaction counts per item index (cold-start ranking). */
  popularity: number[];
  /** Each weight shard: path relative to model.json, size and sha256 (hex). */
  weightFiles: { path: string; bytes: number; sha256: string }[];
  /** Training metrics (validation NDCG@10, epochs, seconds, …). */
  metrics: Record<string, number | string>;
}

/** The tfjs-style model.json: topology (our config) and a standard weights manifest. */
export interface ModelJson {
  format: 'hearth-sasrec';
  generatedBy: string;
  modelTopology: { class_name: 'SasRec'; config: ModelConfig };
  weightsManifest: { paths: string[]; weights: WeightEntry[] }[];
}

/** One entry of a tfjs weights manifest. */
export interface WeightEntry {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  quantization?: { dtype: 'float16' } | { dtype: 'uint8'; scale: number; min: number };
}

/** A model in transferable form: model.json, all weight shards concatenated, and the manifest. */
export interface ModelArtifacts {
  modelJson: ModelJson;
  weightData: ArrayBuffer;
  manifest: ModelManifest;
}
