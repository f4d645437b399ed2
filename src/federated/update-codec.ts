// Encoder/decoder of the binary update format laid out in src/protocol.ts (sync section).
import type { DenseTensorDelta, ModelUpdate, Quantisation, SparseRowsDelta } from '../protocol';
import { crc32 } from './crc32';
import { fromFloat16Bits, toFloat16Bits } from './float16';

// The constants are re-exported by src/protocol.ts (sync section), where the layout is documented;
// they live here so that this module depends on protocol.ts for types only (no import cycle).
/** Version of the binary update format; bump on any layout change. */
export const UPDATE_FORMAT_VERSION = 1;
/** Largest encoded update a client may send and the server will read, in bytes. */
export const MAX_UPDATE_BYTES = 4 * 1024 * 1024;
/** Longest idempotency id, in characters. */
export const MAX_UPDATE_ID_LENGTH = 64;

/** Why a payload could not be encoded or decoded; `reason` is a stable machine-readable code. */
export class UpdateFormatError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'UpdateFormatError';
  }
}

const MAGIC = [0x48, 0x46, 0x55]; // "HFU"
const QUANT_CODE: Record<Quantisation, number> = { int8: 1, fp16: 2 };
const ID_RE = /^[A-Za-z0-9_-]+$/;
const MAX_NAME_BYTES = 255;
const MAX_RANK = 8;

/** Options for `encodeUpdate`. */
export interface EncodeOptions {
  /** Uniform [0,1) source for unbiased stochastic rounding of int8 values; omit for nearest. */
  random?: () => number;
}

function fail(reason: string, message: string): never {
  throw new UpdateFormatError(reason, message);
}

function checkName(name: unknown, what: string): Uint8Array {
  if (typeof name !== 'string' || name.length === 0) fail('bad_name', `${what}: tensor name must be a non-empty string`);
  const bytes = new TextEncoder().encode(name);
  if (bytes.length > MAX_NAME_BYTES) fail('bad_name', `${what}: tensor name longer than ${MAX_NAME_BYTES} bytes`);
  return bytes;
}

function checkValues(values: unknown, n: number, what: string): Float32Array {
  if (!(values instanceof Float32Array)) fail('bad_values', `${what}: values must be a Float32Array`);
  if (values.length !== n) fail('bad_shape', `${what}: ${values.length} values for ${n} expected`);
  for (let i = 0; i < n; i++) if (!Number.isFinite(values[i]!)) fail('not_finite', `${what}: value ${i} is not finite`);
  return values;
}

/** Number of bytes `encodeUpdate` will produce for `update`. */
export function encodedUpdateSize(update: ModelUpdate): number {
  const per = update.quantisation === 'int8' ? 1 : 2;
  const scale = update.quantisation === 'int8' ? 4 : 0;
  let size = 19 + update.updateId.length + 4;
  for (const t of update.dense) {
    size += 1 + new TextEncoder().encode(t.name).length + 1 + 4 * t.shape.length + scale + per * t.values.length;
  }
  for (const s of update.sparse) {
    size += 1 + new TextEncoder().encode(s.name).length + 12 + 4 * s.rowIds.length + scale + per * s.values.length;
  }
  return size;
}

/**
 * Encodes a model update into the versioned binary wire format (quantising values to int8 with
 * one scale per tensor, or to float16). Validates every field and throws `UpdateFormatError`
 * with a reason on bad input or when the result would exceed MAX_UPDATE_BYTES.
 */
export function encodeUpdate(update: ModelUpdate, options: EncodeOptions = {}): Uint8Array<ArrayBuffer> {
  if (!update || typeof update !== 'object') fail('bad_update', 'update must be an object');
  const { baseVersion, updateId, clipNorm, quantisation, dense, sparse } = update;
  if (!Number.isInteger(baseVersion) || baseVersion < 1 || baseVersion > 0xffffffff) fail('bad_version', 'baseVersion must be an integer ≥ 1');
  if (typeof updateId !== 'string' || updateId.length < 1 || updateId.length > MAX_UPDATE_ID_LENGTH || !ID_RE.test(updateId)) {
    fail('bad_id', `updateId must be 1..${MAX_UPDATE_ID_LENGTH} chars of [A-Za-z0-9_-]`);
  }
  if (!(typeof clipNorm === 'number' && Number.isFinite(clipNorm) && clipNorm > 0)) fail('bad_clip', 'clipNorm must be a finite number > 0');
  if (quantisation !== 'int8' && quantisation !== 'fp16') fail('bad_quantisation', "quantisation must be 'int8' or 'fp16'");
  if (!Array.isArray(dense) || !Array.isArray(sparse)) fail('bad_update', 'dense and sparse must be arrays');
  if (dense.length > 0xffff || sparse.length > 0xffff) fail('too_many_tensors', 'too many tensors');
  const names = new Set<string>();
  for (const t of [...dense, ...sparse]) {
    if (names.has(t.name)) fail('duplicate_tensor', `tensor ${t.name} appears twice`);
    names.add(t.name);
  }
  for (const t of dense) {
    checkName(t.name, 'dense');
    if (!Array.isArray(t.shape) || t.shape.length > MAX_RANK || t.shape.some((d) => !Number.isInteger(d) || d < 0 || d > 0xffffffff)) {
      fail('bad_shape', `dense ${t.name}: shape must be ≤ ${MAX_RANK} non-negative integers`);
    }
    checkValues(t.values, t.shape.reduce((a, b) => a * b, 1), `dense ${t.name}`);
  }
  for (const s of sparse) {
    checkName(s.name, 'sparse');
    if (!Number.isInteger(s.rows) || s.rows < 1 || !Number.isInteger(s.dim) || s.dim < 1) fail('bad_shape', `sparse ${s.name}: rows and dim must be integers ≥ 1`);
    if (!(s.rowIds instanceof Uint32Array)) fail('bad_rows', `sparse ${s.name}: rowIds must be a Uint32Array`);
    for (let i = 0; i < s.rowIds.length; i++) {
      if (s.rowIds[i]! >= s.rows || (i > 0 && s.rowIds[i]! <= s.rowIds[i - 1]!)) fail('bad_rows', `sparse ${s.name}: row ids must be strictly increasing and < rows`);
    }
    checkValues(s.values, s.rowIds.length * s.dim, `sparse ${s.name}`);
  }
  const size = encodedUpdateSize(update);
  if (size > MAX_UPDATE_BYTES) fail('too_large', `encoded update would be ${size} bytes (max ${MAX_UPDATE_BYTES})`);

  const buf = new Uint8Array(size);
  const view = new DataView(buf.buffer);
  let o = 0;
  const u8 = (v: number) => { view.setUint8(o, v); o += 1; };
  const u16 = (v: number) => { view.setUint16(o, v, true); o += 2; };
  const u32 = (v: number) => { view.setUint32(o, v, true); o += 4; };
  const f32 = (v: number) => { view.setFloat32(o, v, true); o += 4; };
  const bytes = (b: Uint8Array) => { buf.set(b, o); o += b.length; };
  const values = (v: Float32Array) => {
    if (quantisation === 'fp16') {
      for (let i = 0; i < v.length; i++) u16(toFloat16Bits(v[i]!));
      return;
    }
    let maxAbs = 0;
    for (let i = 0; i < v.length; i++) maxAbs = Math.max(maxAbs, Math.abs(v[i]!));
    const scale = maxAbs / 127;
    f32(scale);
    const rnd = options.random;
    for (let i = 0; i < v.length; i++) {
      const x = scale > 0 ? v[i]! / Math.fround(scale) : 0;
      // Stochastic rounding keeps the quantised update unbiased, so averaging cancels the error.
      let q = rnd ? Math.floor(x + rnd()) : Math.round(x);
      q = Math.max(-127, Math.min(127, q));
      view.setInt8(o, q);
      o += 1;
    }
  };

  bytes(Uint8Array.from(MAGIC));
  u8(UPDATE_FORMAT_VERSION);
  u8(QUANT_CODE[quantisation]);
  u8(0);
  u16(dense.length);
  u16(sparse.length);
  u32(baseVersion);
  f32(clipNorm);
  u8(updateId.length);
  bytes(new TextEncoder().encode(updateId));
  for (const t of dense) {
    const name = checkName(t.name, 'dense');
    u8(name.length);
    bytes(name);
    u8(t.shape.length);
    for (const d of t.shape) u32(d);
    values(t.values);
  }
  for (const s of sparse) {
    const name = checkName(s.name, 'sparse');
    u8(name.length);
    bytes(name);
    u32(s.rows);
    u32(s.dim);
    u32(s.rowIds.length);
    for (const id of s.rowIds) u32(id);
    values(s.values);
  }
  u32(crc32(buf.subarray(0, o)));
  return buf;
}

/** What `inspectUpdate` learns from a payload: everything but the dequantised values. */
export interface UpdateSummary {
  baseVersion: number;
  updateId: string;
  clipNorm: number;
  quantisation: Quantisation;
  dense: { name: string; shape: number[] }[];
  sparse: { name: string; rows: number; dim: number; rowCount: number }[];
  /** L2 norm of the dequantised values (all tensors), computed straight from the wire values. */
  norm: number;
}

/** Options of `decodeUpdate` / `inspectUpdate`. */
export interface DecodeOptions {
  /**
   * CRC-32 (IEEE) implementation, e.g. Node's native `zlib.crc32` on the server; defaults to the
   * portable one. It must return the same value as `crc32` for every input.
   */
  crc32?: (bytes: Uint8Array) => number;
}

/**
 * Decodes and fully validates an encoded update (magic, version, bounds, names, row ids,
 * finiteness, CRC, no trailing bytes). Throws `UpdateFormatError` with a reason code.
 */
export function decodeUpdate(payload: Uint8Array, options: DecodeOptions = {}): ModelUpdate {
  return parseUpdate(payload, true, options).update!;
}

/**
 * Validates a payload exactly as `decodeUpdate` does (same checks, same errors) but does not
 * dequantise it: it returns the layout and the update's L2 norm, computed in one pass over the
 * int8 / float16 wire values. The server's intake uses it; rounds decode the stored payloads.
 */
export function inspectUpdate(payload: Uint8Array, options: DecodeOptions = {}): UpdateSummary {
  return parseUpdate(payload, false, options).summary;
}

// Exact integer sum of q² (≤ 127² × 4 MiB < 2^53), scaled once by the caller: no per-value float work.
function int8SumOfSquares(q: Int8Array): number {
  let s = 0;
  for (let i = 0; i < q.length; i++) {
    const v = q[i]!;
    s += v * v;
  }
  return s;
}

// d += f·v (dense, rowIds null) or d[row·dim + j] += f·v[r·dim + j] (sparse rows): int8 wire
// values or decoded float16 values added straight into a model-sized sum, no dequantised copy.
function addScaled(d: Float64Array, rowIds: Uint32Array | null, dim: number, v: Int8Array | Float32Array, f: number): void {
  if (!rowIds) {
    for (let i = 0; i < v.length; i++) d[i]! += f * v[i]!;
    return;
  }
  for (let r = 0; r < rowIds.length; r++) {
    const off = rowIds[r]! * dim;
    const src = r * dim;
    for (let j = 0; j < dim; j++) d[off + j]! += f * v[src + j]!;
  }
}

// Add mode of parseUpdate: every value times `factor` goes into target(name) (full-size tensor).
interface AddInto {
  factor: number;
  target: (name: string) => Float64Array | undefined;
}

/**
 * Adds `factor × update` into full-size tensors without materialising the update: int8 / float16
 * wire values, scaled, go straight into `target(name)` (a dense tensor, or a sparse table of
 * rows × dim). `factor` is e.g. min(1, C / norm) with the norm `inspectUpdate` gave. The payload is
 * validated as `decodeUpdate` does while it is read; throws `UpdateFormatError` on a bad payload or
 * ('unknown_tensor' / 'wrong_shape') a missing or other-sized target — tensors before it were then
 * already added, so check shapes first.
 */
export function addScaledUpdate(payload: Uint8Array, factor: number, target: (name: string) => Float64Array | undefined, options: DecodeOptions = {}): void {
  if (typeof target !== 'function') throw new TypeError('addScaledUpdate: target must be a function');
  if (!Number.isFinite(factor)) throw new RangeError('addScaledUpdate: factor must be finite');
  parseUpdate(payload, false, options, { factor, target });
}

// One decoder for every name and id (creating a TextDecoder per string was a visible cost).
const utf8 = new TextDecoder('utf-8', { fatal: true });

// One parser for both entry points, so validation cannot drift between them.
function parseUpdate(payload: Uint8Array, materialise: boolean, options: DecodeOptions, add?: AddInto): { summary: UpdateSummary; update: ModelUpdate | null } {
  if (!(payload instanceof Uint8Array)) fail('bad_payload', 'payload must be a Uint8Array');
  const checksum = options.crc32 ?? crc32;
  if (typeof checksum !== 'function') fail('bad_options', 'options.crc32 must be a function');
  if (payload.length > MAX_UPDATE_BYTES) fail('too_large', `payload is ${payload.length} bytes (max ${MAX_UPDATE_BYTES})`);
  if (payload.length < 24) fail('truncated', 'payload is shorter than the fixed header');
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const end = payload.length - 4;
  let o = 0;
  const need = (n: number) => { if (o + n > end) fail('truncated', `payload ends early at byte ${o}`); };
  const u8 = () => { need(1); return view.getUint8(o++); };
  const u16 = () => { need(2); const v = view.getUint16(o, true); o += 2; return v; };
  const u32 = () => { need(4); const v = view.getUint32(o, true); o += 4; return v; };
  const f32 = () => { need(4); const v = view.getFloat32(o, true); o += 4; return v; };
  const text = (n: number) => { need(n); const s = utf8.decode(payload.subarray(o, o + n)); o += n; return s; };

  if (payload[0] !== MAGIC[0] || payload[1] !== MAGIC[1] || payload[2] !== MAGIC[2]) fail('bad_magic', 'not a Hearth update payload');
  o = 3;
  const version = u8();
  if (version !== UPDATE_FORMAT_VERSION) fail('unsupported_format', `update format ${version} is not supported (expected ${UPDATE_FORMAT_VERSION})`);
  const expectedCrc = view.getUint32(end, true);
  if (checksum(payload.subarray(0, end)) !== expectedCrc) fail('bad_checksum', 'CRC-32 mismatch: payload is truncated or corrupted');
  const qcode = u8();
  const quantisation: Quantisation | null = qcode === 1 ? 'int8' : qcode === 2 ? 'fp16' : null;
  if (!quantisation) fail('bad_quantisation', `unknown quantisation code ${qcode}`);
  u8();
  const nDense = u16();
  const nSparse = u16();
  const baseVersion = u32();
  if (baseVersion < 1) fail('bad_version', 'baseVersion must be ≥ 1');
  const clipNorm = f32();
  if (!Number.isFinite(clipNorm) || clipNorm <= 0) fail('bad_clip', 'clipNorm must be finite and > 0');
  const idLen = u8();
  if (idLen < 1 || idLen > MAX_UPDATE_ID_LENGTH) fail('bad_id', 'bad idempotency id length');
  const updateId = text(idLen);
  if (!ID_RE.test(updateId)) fail('bad_id', 'idempotency id has characters outside [A-Za-z0-9_-]');

  // Sum of squared dequantised values over every tensor (only when not materialising).
  let sumSq = 0;
  // In add mode, `into` is where the values go (rowIds null for a dense tensor), scaled by add.factor.
  const readValues = (n: number, what: string, into?: { d: Float64Array; rowIds: Uint32Array | null; dim: number }): Float32Array | null => {
    const out = materialise || (into && quantisation !== 'int8') ? new Float32Array(n) : null;
    if (quantisation === 'int8') {
      const scale = f32();
      if (!Number.isFinite(scale) || scale < 0) fail('not_finite', `${what}: scale is not a finite non-negative number`);
      need(n);
      const q = new Int8Array(payload.buffer, payload.byteOffset + o, n);
      if (into) addScaled(into.d, into.rowIds, into.dim, q, add!.factor * scale);
      else if (out) for (let i = 0; i < n; i++) out[i] = q[i]! * scale;
      else sumSq += int8SumOfSquares(q) * scale * scale;
      o += n;
    } else {
      need(2 * n);
      for (let i = 0; i < n; i++) {
        const bits = view.getUint16(o + 2 * i, true);
        // Exponent all ones = Infinity or NaN.
        if ((bits & 0x7c00) === 0x7c00) fail('not_finite', `${what}: value ${i} is not finite`);
        const v = fromFloat16Bits(bits);
        if (out) out[i] = v;
        else sumSq += v * v;
      }
      o += 2 * n;
      if (into) addScaled(into.d, into.rowIds, into.dim, out!, add!.factor);
    }
    return into ? null : out;
  };
  const addTarget = (name: string, size: number, what: string): Float64Array => {
    const d = add!.target(name);
    if (!d) fail('unknown_tensor', `${what}: the model has no tensor ${name}`);
    if (d.length !== size) fail('wrong_shape', `${what}: ${size} values, the model's tensor has ${d.length}`);
    return d;
  };
  const names = new Set<string>();
  const readName = (): string => {
    const name = text(u8());
    if (!name) fail('bad_name', 'empty tensor name');
    if (names.has(name)) fail('duplicate_tensor', `tensor ${name} appears twice`);
    names.add(name);
    return name;
  };

  const dense: DenseTensorDelta[] = [];
  const denseInfo: UpdateSummary['dense'] = [];
  for (let t = 0; t < nDense; t++) {
    const name = readName();
    const rank = u8();
    if (rank > MAX_RANK) fail('bad_shape', `dense ${name}: rank ${rank} > ${MAX_RANK}`);
    const shape: number[] = [];
    for (let i = 0; i < rank; i++) shape.push(u32());
    const n = shape.reduce((a, b) => a * b, 1);
    if (n > end - o) fail('truncated', `dense ${name}: shape needs more bytes than the payload has`);
    const values = readValues(n, `dense ${name}`, add ? { d: addTarget(name, n, `dense ${name}`), rowIds: null, dim: 0 } : undefined);
    denseInfo.push({ name, shape });
    if (values) dense.push({ name, shape, values });
  }
  const sparse: SparseRowsDelta[] = [];
  const sparseInfo: UpdateSummary['sparse'] = [];
  for (let t = 0; t < nSparse; t++) {
    const name = readName();
    const rows = u32();
    const dim = u32();
    const k = u32();
    if (rows < 1 || dim < 1) fail('bad_shape', `sparse ${name}: rows and dim must be ≥ 1`);
    if (k > rows) fail('bad_rows', `sparse ${name}: more rows present than the table has`);
    if (k * 4 + k * dim > end - o) fail('truncated', `sparse ${name}: needs more bytes than the payload has`);
    const rowIds = new Uint32Array(k);
    for (let i = 0; i < k; i++) {
      rowIds[i] = u32();
      if (rowIds[i]! >= rows || (i > 0 && rowIds[i]! <= rowIds[i - 1]!)) fail('bad_rows', `sparse ${name}: row ids must be strictly increasing and < rows`);
    }
    const values = readValues(k * dim, `sparse ${name}`, add ? { d: addTarget(name, rows * dim, `sparse ${name}`), rowIds, dim } : undefined);
    sparseInfo.push({ name, rows, dim, rowCount: k });
    if (values) sparse.push({ name, rows, dim, rowIds, values });
  }
  if (o !== end) fail('trailing_bytes', `${end - o} unexpected bytes after the last tensor`);
  const summary: UpdateSummary = { baseVersion, updateId, clipNorm, quantisation, dense: denseInfo, sparse: sparseInfo, norm: materialise ? NaN : Math.sqrt(sumSq) }; // decodeUpdate returns values, not the norm
  return { summary, update: materialise ? { baseVersion, updateId, clipNorm, quantisation, dense, sparse } : null };
}
