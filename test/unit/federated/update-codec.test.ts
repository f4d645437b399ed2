import { describe, expect, it } from 'vitest';
import { MAX_UPDATE_BYTES, decodeUpdate, encodeUpdate } from '../../../src/protocol';
import type { ModelUpdate } from '../../../src/protocol';
import { encodedUpdateSize, inspectUpdate } from '../../../src/federated/update-codec';
import { updateNorm } from '../../../src/federated/update-norm';
import { seededRandom } from '../../../src/federated/random';
import { crc32 } from '../../../src/federated/crc32';

function sample(quantisation: 'int8' | 'fp16' = 'int8'): ModelUpdate {
  const r = seededRandom(1);
  const dense = new Float32Array(6).map(() => r() - 0.5);
  const rows = new Float32Array(3 * 4).map(() => (r() - 0.5) * 0.1);
  return {
    baseVersion: 7,
    updateId: 'dev-1_abc',
    clipNorm: 1.5,
    quantisation,
    dense: [{ name: 'block0/attn/kernel', shape: [2, 3], values: dense }],
    sparse: [{ name: 'item_embedding', rows: 100, dim: 4, rowIds: Uint32Array.from([3, 17, 99]), values: rows }],
  };
}

function maxErr(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('update wire format', () => {
  it.each(['int8', 'fp16'] as const)('round-trips %s within the quantisation error', (q) => {
    const u = sample(q);
    const bytes = encodeUpdate(u);
    expect(bytes.length).toBe(encodedUpdateSize(u));
    const d = decodeUpdate(bytes);
    expect(d.baseVersion).toBe(7);
    expect(d.updateId).toBe('dev-1_abc');
    expect(d.clipNorm).toBeCloseTo(1.5, 6);
    expect(d.quantisation).toBe(q);
    expect(d.dense[0]!.shape).toEqual([2, 3]);
    expect([...d.sparse[0]!.rowIds]).toEqual([3, 17, 99]);
    const tolDense = q === 'int8' ? 0.5 / 127 / 2 + 1e-6 : 1e-3;
    expect(maxErr(d.dense[0]!.values, u.dense[0]!.values)).toBeLessThanOrEqual(tolDense);
    expect(maxErr(d.sparse[0]!.values, u.sparse[0]!.values)).toBeLessThanOrEqual(q === 'int8' ? 0.05 / 127 : 1e-4);
  });

  it('int8 with stochastic rounding is unbiased on average', () => {
    const v = new Float32Array(20000).fill(0.3);
    v[0] = 1; // scale = 1/127, 0.3*127 = 38.1 is not representable
    const u: ModelUpdate = { ...sample(), sparse: [], dense: [{ name: 'w', shape: [v.length], values: v }] };
    const d = decodeUpdate(encodeUpdate(u, { random: seededRandom(5) }));
    let sum = 0;
    for (let i = 1; i < v.length; i++) sum += d.dense[0]!.values[i]!;
    expect(sum / (v.length - 1)).toBeCloseTo(0.3, 3);
  });

  it('rejects truncated, corrupted and trailing payloads with a reason', () => {
    const bytes = encodeUpdate(sample());
    expect(() => decodeUpdate(bytes.subarray(0, bytes.length - 7))).toThrow(expect.objectContaining({ reason: 'bad_checksum' }));
    expect(() => decodeUpdate(bytes.subarray(0, 10))).toThrow(expect.objectContaining({ reason: 'truncated' }));
    const bad = bytes.slice();
    bad[30] = bad[30]! ^ 0xff;
    expect(() => decodeUpdate(bad)).toThrow(expect.objectContaining({ reason: 'bad_checksum' }));
    const wrongMagic = bytes.slice();
    wrongMagic[0] = 0;
    expect(() => decodeUpdate(wrongMagic)).toThrow(expect.objectContaining({ reason: 'bad_magic' }));
    const wrongVersion = bytes.slice();
    wrongVersion[3] = 99;
    expect(() => decodeUpdate(wrongVersion)).toThrow(expect.objectContaining({ reason: 'unsupported_format' }));
  });

  it('refuses NaN/Infinity, bad rows, bad ids and oversized updates when encoding', () => {
    const nan = sample();
    nan.dense[0]!.values[1] = NaN;
    expect(() => encodeUpdate(nan)).toThrow(expect.objectContaining({ reason: 'not_finite' }));
    const inf = sample('fp16');
    inf.sparse[0]!.values[0] = Infinity;
    expect(() => encodeUpdate(inf)).toThrow(expect.objectContaining({ reason: 'not_finite' }));
    const unsorted = sample();
    unsorted.sparse[0]!.rowIds = Uint32Array.from([17, 3, 99]);
    expect(() => encodeUpdate(unsorted)).toThrow(expect.objectContaining({ reason: 'bad_rows' }));
    expect(() => encodeUpdate({ ...sample(), updateId: 'no spaces!' })).toThrow(expect.objectContaining({ reason: 'bad_id' }));
    const huge = new Float32Array(MAX_UPDATE_BYTES + 1);
    expect(() => encodeUpdate({ ...sample(), sparse: [], dense: [{ name: 'w', shape: [huge.length], values: huge }] })).toThrow(
      expect.objectContaining({ reason: 'too_large' }),
    );
  });

  it('rejects a decoded fp16 infinity even with a valid checksum', async () => {
    const u = sample('fp16');
    u.dense[0]!.values[0] = 70000; // overflows float16 to +Infinity on the wire
    const bytes = encodeUpdate(u);
    expect(() => decodeUpdate(bytes)).toThrow(expect.objectContaining({ reason: 'not_finite' }));
  });

  it.each(['int8', 'fp16'] as const)('inspectUpdate (%s) gives the layout and the norm of the decoded values without decoding them', (q) => {
    const bytes = encodeUpdate(sample(q), { random: seededRandom(2) });
    const s = inspectUpdate(bytes);
    const d = decodeUpdate(bytes);
    expect(s).toMatchObject({ baseVersion: 7, updateId: 'dev-1_abc', quantisation: q, dense: [{ name: 'block0/attn/kernel', shape: [2, 3] }], sparse: [{ name: 'item_embedding', rows: 100, dim: 4, rowCount: 3 }] });
    expect(s.norm).toBeGreaterThan(0.1);
    expect(Math.abs(s.norm - updateNorm(d)) / updateNorm(d)).toBeLessThan(1e-6);
    // A native checksum may be passed in; a wrong one is caught as corruption.
    expect(inspectUpdate(bytes, { crc32: (b) => crc32(b) }).norm).toBe(s.norm);
    expect(() => inspectUpdate(bytes, { crc32: () => 0 })).toThrow(expect.objectContaining({ reason: 'bad_checksum' }));
  });

  it('inspectUpdate refuses exactly what decodeUpdate refuses, with the same reason', () => {
    const bytes = encodeUpdate(sample());
    const fp16Inf = encodeUpdate({ ...sample('fp16'), dense: [{ name: 'w', shape: [2], values: Float32Array.from([70000, 0]) }] });
    const bad = bytes.slice();
    bad[30] = bad[30]! ^ 0xff;
    const trailing = new Uint8Array(bytes.length + 1);
    trailing.set(bytes.subarray(0, bytes.length - 4));
    new DataView(trailing.buffer).setUint32(trailing.length - 4, crc32(trailing.subarray(0, trailing.length - 4)), true);
    for (const [payload, reason] of [[bytes.subarray(0, 10), 'truncated'], [bad, 'bad_checksum'], [fp16Inf, 'not_finite'], [trailing, 'trailing_bytes']] as const) {
      expect(() => decodeUpdate(payload)).toThrow(expect.objectContaining({ reason }));
      expect(() => inspectUpdate(payload)).toThrow(expect.objectContaining({ reason }));
    }
  });
});
