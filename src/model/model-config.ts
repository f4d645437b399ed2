/** Architecture of the SASRec-class recommender; stored in every manifest. */
export interface ModelConfig {
  /** Real items; item indices are 1..numItems, 0 is padding. */
  numItems: number;
  /** Embedding / hidden size (divisible by `heads`). */
  dim: number;
  /** Longest history the model reads (older items are dropped). */
  maxLen: number;
  /** Causal self-attention blocks. */
  blocks: number;
  /** Attention heads per block. */
  heads: number;
  /** Dropout rate used while training (0 ≤ dropout < 1). */
  dropout: number;
  /** Attribute vocabulary size (indices 1..numAttributes); 0 or absent = no attribute embeddings. */
  numAttributes?: number;
  /** Attribute slots per item in the item → attributes table (0-padded). */
  attributesPerItem?: number;
  /**
   * Block layout; absent = 'pre-ln'. 'pre-ln': standard pre-LN blocks (Q, K, V from the layer
   * norm, an output projection, residuals on the raw stream), embeddings ~ N(0, 0.05²).
   * 'sasrec': kang205/SASRec's own code: the input item vector scaled by √dim, K and V from the
   * un-normalised stream and Q from its layer norm, no output projection, each residual adding
   * the normalised input, dropout inside the feed-forward too, Glorot-uniform embeddings.
   */
  layout?: ModelLayout;
}

/** The block layouts a model can have (see ModelConfig.layout). */
export type ModelLayout = 'pre-ln' | 'sasrec';

/** The layout of `c` ('pre-ln' when absent, as in every manifest written before layouts existed). */
export function layoutOf(c: ModelConfig): ModelLayout {
  return c.layout ?? 'pre-ln';
}

/** Defaults chosen from measurements on Beauty (see QUALITY.md). */
export const DEFAULT_ARCH = { dim: 64, maxLen: 50, blocks: 1, heads: 1, dropout: 0.2 } as const;

/** Throws a RangeError naming the first invalid field of `c`; returns it typed otherwise. */
export function validateConfig(c: unknown): ModelConfig {
  if (typeof c !== 'object' || c === null) throw new RangeError('model config must be an object');
  const o = c as Record<string, unknown>;
  const int = (k: string, min: number, max: number, optional = false) => {
    const v = o[k];
    if (optional && (v === undefined || v === 0)) return;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      throw new RangeError(`model config: ${k} must be an integer in [${min}, ${max}], got ${JSON.stringify(v)}`);
    }
  };
  int('numItems', 1, 50_000_000);
  int('dim', 1, 4096);
  int('maxLen', 1, 4096);
  int('blocks', 0, 64);
  int('heads', 1, 64);
  int('numAttributes', 1, 10_000_000, true);
  int('attributesPerItem', 1, 1024, true);
  if (typeof o.dropout !== 'number' || !(o.dropout >= 0 && o.dropout < 1)) throw new RangeError(`model config: dropout must be in [0, 1), got ${JSON.stringify(o.dropout)}`);
  if ((o.dim as number) % (o.heads as number) !== 0) throw new RangeError(`model config: dim ${String(o.dim)} is not divisible by heads ${String(o.heads)}`);
  if (o.layout !== undefined && o.layout !== 'pre-ln' && o.layout !== 'sasrec') throw new RangeError(`model config: layout must be 'pre-ln' or 'sasrec', got ${JSON.stringify(o.layout)}`);
  if (Boolean(o.numAttributes) !== Boolean(o.attributesPerItem)) throw new RangeError('model config: numAttributes and attributesPerItem go together');
  return o as unknown as ModelConfig;
}
