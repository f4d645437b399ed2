// The model-agnostic view of a model's weights: named float32 tensors with shapes.

/** One named weight tensor. */
export interface NamedTensor {
  name: string;
  shape: number[];
  values: Float32Array;
}

/**
 * Checks that `tensors` is a list of uniquely named tensors whose values match their shapes;
 * returns them keyed by name. Throws a TypeError naming the first problem.
 */
export function indexTensors(tensors: readonly NamedTensor[], what = 'weights'): Map<string, NamedTensor> {
  if (!Array.isArray(tensors)) throw new TypeError(`${what}: expected an array of named tensors`);
  const out = new Map<string, NamedTensor>();
  for (const t of tensors) {
    if (!t || typeof t.name !== 'string' || !t.name) throw new TypeError(`${what}: every tensor needs a name`);
    if (out.has(t.name)) throw new TypeError(`${what}: tensor ${t.name} appears twice`);
    if (!Array.isArray(t.shape) || t.shape.some((d: number) => !Number.isInteger(d) || d < 0)) throw new TypeError(`${what}: ${t.name} has a bad shape`);
    if (!(t.values instanceof Float32Array)) throw new TypeError(`${what}: ${t.name} values must be a Float32Array`);
    const n = t.shape.reduce((a: number, b: number) => a * b, 1);
    if (t.values.length !== n) throw new TypeError(`${what}: ${t.name} has ${t.values.length} values for shape [${t.shape}]`);
    out.set(t.name, t);
  }
  return out;
}
