// Node only: puts tfjs on the WASM backend (no native binaries) with the missing kernels.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmKernels } from '../model/wasm-kernels';

/** What backend setup found: backend name and whether SIMD / threads are in use. */
export interface BackendInfo {
  backend: string;
  simd: boolean;
  threads: boolean;
}

/**
 * Selects the tfjs WASM backend for Node, loading its .wasm files from the installed package
 * (a file path, not a URL), registers the missing kernels, and reports what is active.
 * Throws if WASM cannot start.
 */
export async function useWasmBackend(): Promise<BackendInfo> {
  if (tf.getBackend() !== 'wasm') {
    const require = createRequire(import.meta.url);
    const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
    setWasmPaths(join(dist, '/'));
    registerWasmKernels();
    const ok = await tf.setBackend('wasm');
    if (!ok || tf.getBackend() !== 'wasm') throw new Error('could not start the tfjs WASM backend');
  }
  registerWasmKernels();
  const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  const threads = Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
  return { backend: tf.getBackend(), simd, threads };
}
