// tfjs-backend-wasm 4.22 lacks UnsortedSegmentSum, which the gradient of `gather` (embedding
// lookups) needs. This registers a small JS implementation that works on the wasm heap directly.
import { registerKernel, getKernel } from '@tensorflow/tfjs-core';
import type { KernelConfig, TensorInfo, NamedAttrMap } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

function unsortedSegmentSum(args: { inputs: Record<string, TensorInfo>; backend: unknown; attrs?: NamedAttrMap }): TensorInfo {
  const backend = args.backend as BackendWasm;
  const x = args.inputs.x!;
  const ids = args.inputs.segmentIds!;
  const numSegments = Number(args.attrs?.numSegments);
  const idRank = ids.shape.length;
  const outShape = [numSegments, ...x.shape.slice(idRank)];
  const inner = outShape.slice(1).reduce((a, b) => a * b, 1);
  const out = backend.makeOutput(outShape, x.dtype);
  const outVals = backend.typedArrayFromHeap(out);
  outVals.fill(0);
  const xVals = backend.typedArrayFromHeap(x);
  const idVals = backend.typedArrayFromHeap(ids);
  for (let r = 0; r < idVals.length; r++) {
    const seg = idVals[r]!;
    // TF semantics: negative or out-of-range ids are dropped.
    if (seg < 0 || seg >= numSegments) continue;
    const src = r * inner;
    const dst = seg * inner;
    for (let j = 0; j < inner; j++) outVals[dst + j]! += xVals[src + j]!;
  }
  return out;
}

/** Name of the row-gather kernel registered for 'wasm' (see gather-rows.ts). */
export const GATHER_ROWS_KERNEL = 'HearthGatherRows';

// tfjs-wasm's GatherV2 costs ~30 ms for 1,280 rows of 64 floats (measured); a plain row copy on
// the wasm heap is two orders of magnitude cheaper.
function gatherRows(args: { inputs: Record<string, TensorInfo>; backend: unknown }): TensorInfo {
  const backend = args.backend as BackendWasm;
  const table = args.inputs.table!;
  const idx = args.inputs.indices!;
  const [rows, width] = table.shape as [number, number];
  const out = backend.makeOutput([...idx.shape, width], table.dtype);
  const outVals = backend.typedArrayFromHeap(out);
  const tVals = backend.typedArrayFromHeap(table);
  const iVals = backend.typedArrayFromHeap(idx);
  for (let r = 0; r < iVals.length; r++) {
    const row = iVals[r]!;
    if (row < 0 || row >= rows) throw new RangeError(`gatherRows: index ${row} outside [0, ${rows})`);
    outVals.set(tVals.subarray(row * width, (row + 1) * width), r * width);
  }
  return out;
}

/**
 * Registers the JS kernels the wasm backend is missing (today: UnsortedSegmentSum, so embedding
 * gradients work) and a fast row gather. Idempotent; call it before training on the 'wasm' backend (Node or worker).
 */
export function registerWasmKernels(): void {
  if (!getKernel('UnsortedSegmentSum', 'wasm')) {
    registerKernel({ kernelName: 'UnsortedSegmentSum', backendName: 'wasm', kernelFunc: unsortedSegmentSum as KernelConfig['kernelFunc'] });
  }
  if (!getKernel(GATHER_ROWS_KERNEL, 'wasm')) {
    registerKernel({ kernelName: GATHER_ROWS_KERNEL, backendName: 'wasm', kernelFunc: gatherRows as KernelConfig['kernelFunc'] });
  }
}
