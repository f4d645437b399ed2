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

/**
 * Registers the JS kernels the wasm backend is missing (today: UnsortedSegmentSum, so embedding
 * gradients work). Idempotent; call it before training on the 'wasm' backend (Node or worker).
 */
export function registerWasmKernels(): void {
  if (getKernel('UnsortedSegmentSum', 'wasm')) return;
  const config: KernelConfig = { kernelName: 'UnsortedSegmentSum', backendName: 'wasm', kernelFunc: unsortedSegmentSum as KernelConfig['kernelFunc'] };
  registerKernel(config);
}
