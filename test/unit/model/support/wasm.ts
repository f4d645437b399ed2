import { useWasmBackend } from '../../../../src/cli/tf-backend';

/** Puts tfjs on the real WASM backend (with Hearth's extra kernels) for a test file. */
export async function wasmBackend(): Promise<void> {
  const info = await useWasmBackend();
  if (info.backend !== 'wasm') throw new Error(`expected the wasm backend, got ${info.backend}`);
}
