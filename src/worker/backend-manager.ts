import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm/dist/base';
import type { BackendName, BackendPreference } from '../protocol';
import { registerWasmKernels } from '../model/wasm-kernels';

/** The fallback order when nothing is forced. */
export const BACKEND_ORDER: readonly BackendName[] = ['webgl', 'wasm', 'cpu'];

/** Picks and keeps a working tfjs backend; knows how to give up on one and move to the next. */
export interface BackendManager {
  /** The active backend (null before `activate`). */
  readonly active: BackendName | null;
  readonly failures: { backend: BackendName; reason: string }[];
  readonly simd: boolean;
  readonly threads: boolean;
  /** Starts the first backend that works, from `preference` onwards in the fallback order. */
  activate(preference: BackendPreference): Promise<BackendName>;
  /** Marks the active backend broken (with why) and starts the next one; throws when none is left. */
  fallback(reason: string): Promise<BackendName>;
  /** True when the active backend can no longer compute (e.g. its WebGL context was lost). */
  isBroken(): boolean;
  /** Loses the WebGL context on purpose via WEBGL_lose_context (tests); false when not on WebGL. */
  loseContext(): boolean;
}

/** A WebGL2 context on an OffscreenCanvas is what tfjs needs inside a worker. */
function webgl2Available(): string | null {
  if (typeof OffscreenCanvas === 'undefined') return 'OffscreenCanvas is not available in this worker';
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return 'WebGL2 is not available on an OffscreenCanvas';
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return null;
  } catch (e) {
    return `WebGL2 probe failed: ${(e as Error).message}`;
  }
}

function webglContext(): WebGL2RenderingContext | null {
  if (tf.getBackend() !== 'webgl') return null;
  // tfjs keeps its context on the backend's gpgpu; not in the public typings.
  return ((tf.backend() as unknown as { gpgpu?: { gl?: WebGL2RenderingContext } }).gpgpu?.gl) ?? null;
}

/**
 * Creates the backend manager. `wasmPath` is the URL prefix (ending in `/`) of the tfjs .wasm
 * files; WASM uses SIMD when the browser has it and threads when the page is cross-origin
 * isolated (tfjs decides from the same feature tests and we report what it found).
 */
export function createBackendManager(wasmPath: string): BackendManager {
  const failures: { backend: BackendName; reason: string }[] = [];
  const dead = new Set<BackendName>();
  let active: BackendName | null = null;
  let simd = false;
  let threads = false;
  let lost = false;
  let wasmConfigured = false;

  async function start(b: BackendName): Promise<void> {
    if (b === 'webgl') {
      const why = webgl2Available();
      if (why) throw new Error(why);
      // Never silently degrade to WebGL1 (it cannot run on OffscreenCanvas in tfjs).
      tf.env().set('WEBGL_VERSION', 2);
    }
    if (b === 'wasm' && !wasmConfigured) {
      setWasmPaths(wasmPath);
      registerWasmKernels();
      wasmConfigured = true;
    }
    if (!(await tf.setBackend(b)) || tf.getBackend() !== b) throw new Error(`tfjs could not initialise the ${b} backend`);
    await tf.ready();
    if (b === 'webgl') {
      const gl = webglContext();
      if (!gl) throw new Error('the webgl backend has no WebGL2 context');
      lost = false;
      (gl.canvas as OffscreenCanvas).addEventListener?.('webglcontextlost', () => { lost = true; });
    }
    if (b === 'wasm') {
      simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
      threads = Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
    }
  }

  async function activateFrom(order: readonly BackendName[]): Promise<BackendName> {
    for (const b of order) {
      if (dead.has(b)) continue;
      try {
        await start(b);
        active = b;
        return b;
      } catch (e) {
        dead.add(b);
        failures.push({ backend: b, reason: (e as Error)?.message ?? String(e) });
      }
    }
    active = null;
    throw new Error(`no tfjs backend could start: ${failures.map((f) => `${f.backend}: ${f.reason}`).join('; ')}`);
  }

  return {
    get active() { return active; },
    failures,
    get simd() { return simd; },
    get threads() { return threads; },
    activate(preference) {
      if (preference !== 'auto' && !BACKEND_ORDER.includes(preference)) throw new Error(`unknown backend '${String(preference)}'`);
      // A forced backend starts there and still falls back down the order, never up.
      const from = preference === 'auto' ? 0 : BACKEND_ORDER.indexOf(preference);
      dead.clear();
      return activateFrom(BACKEND_ORDER.slice(from));
    },
    async fallback(reason) {
      if (active) {
        dead.add(active);
        failures.push({ backend: active, reason });
        const broken = active;
        active = null;
        // Free what we can of the broken backend; a lost context may throw here.
        try { tf.removeBackend(broken); } catch { /* already gone */ }
      }
      return activateFrom(BACKEND_ORDER);
    },
    isBroken() {
      if (active !== 'webgl') return false;
      return lost || webglContext()?.isContextLost() === true;
    },
    loseContext() {
      const ext = webglContext()?.getExtension('WEBGL_lose_context');
      if (!ext) return false;
      ext.loseContext();
      return true;
    },
  };
}
