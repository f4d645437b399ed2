import type { ModelConfig } from './model-config';
import { layoutOf } from './model-config';

/** Name and shape of one trainable weight. */
export interface WeightSpec {
  name: string;
  shape: number[];
  /** How it is initialised: embeddings ~ N(0, 0.05²) (Glorot uniform in the 'sasrec' layout), dense ~ Glorot uniform, LN gamma 1 / beta 0, biases 0. */
  init: 'embedding' | 'glorot' | 'ones' | 'zeros';
}

/**
 * The trainable weights of a SASRec model in their fixed serialisation order. `item_emb` row i is
 * item i (row 0 = padding) and doubles as the output layer; federated code diffs rows of it.
 * The 'sasrec' layout has no attention output projection (wo, bo).
 */
export function weightSpecs(c: ModelConfig): WeightSpec[] {
  const d = c.dim;
  const sasrec = layoutOf(c) === 'sasrec';
  // SASRec's embeddings take TF's default variable initialiser, Glorot uniform.
  const emb = sasrec ? 'glorot' : 'embedding';
  const specs: WeightSpec[] = [
    { name: 'item_emb', shape: [c.numItems + 1, d], init: emb },
    { name: 'pos_emb', shape: [c.maxLen, d], init: emb },
  ];
  if (c.numAttributes) specs.push({ name: 'attr_emb', shape: [c.numAttributes + 1, d], init: emb });
  for (let b = 0; b < c.blocks; b++) {
    const p = `block${b}/`;
    specs.push(
      { name: `${p}ln1_gamma`, shape: [d], init: 'ones' },
      { name: `${p}ln1_beta`, shape: [d], init: 'zeros' },
      { name: `${p}wq`, shape: [d, d], init: 'glorot' },
      { name: `${p}bq`, shape: [d], init: 'zeros' },
      { name: `${p}wk`, shape: [d, d], init: 'glorot' },
      { name: `${p}bk`, shape: [d], init: 'zeros' },
      { name: `${p}wv`, shape: [d, d], init: 'glorot' },
      { name: `${p}bv`, shape: [d], init: 'zeros' },
    );
    if (!sasrec) specs.push({ name: `${p}wo`, shape: [d, d], init: 'glorot' }, { name: `${p}bo`, shape: [d], init: 'zeros' });
    specs.push(
      { name: `${p}ln2_gamma`, shape: [d], init: 'ones' },
      { name: `${p}ln2_beta`, shape: [d], init: 'zeros' },
      { name: `${p}w1`, shape: [d, d], init: 'glorot' },
      { name: `${p}b1`, shape: [d], init: 'zeros' },
      { name: `${p}w2`, shape: [d, d], init: 'glorot' },
      { name: `${p}b2`, shape: [d], init: 'zeros' },
    );
  }
  specs.push({ name: 'final_ln_gamma', shape: [d], init: 'ones' }, { name: 'final_ln_beta', shape: [d], init: 'zeros' });
  return specs;
}

/** Number of scalars in a shape. */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
