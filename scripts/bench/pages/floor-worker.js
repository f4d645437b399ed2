// Bench worker: the bare matrix-vector product behind recommend() (catalog embeddings × one
// user vector, scores read back), on a chosen tfjs backend, as the floor recommend() is compared
// with. Both layouts are timed at init ([N,d]·[d,1] and [1,d]·[d,N]: backends differ several-fold
// between them) and the faster one is the floor, so the floor is never a slow layout that
// recommend() avoids. Uses full @tensorflow/tfjs (bench only) + the WASM backend from node_modules.
importScripts('/node_modules/@tensorflow/tfjs/dist/tf.min.js', '/node_modules/@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.min.js');

let matrix = null;
let vector = null;
let layout = 'column';

async function init({ backend, rows, dim }) {
  if (backend === 'wasm') tf.wasm.setWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
  const ok = await tf.setBackend(backend);
  if (!ok || tf.getBackend() !== backend) throw new Error(`backend ${backend} did not initialise in a worker (active: ${tf.getBackend()})`);
  await tf.ready();
  if (matrix) { matrix.dispose(); vector.dispose(); }
  const m = tf.randomNormal([rows, dim], 0, 0.1, 'float32', 7);
  const v = tf.randomNormal([dim, 1], 0, 0.1, 'float32', 8);
  const layouts = { column: [m, v], row: [tf.transpose(v), tf.transpose(m)] };
  const ms = {};
  for (const name of ['column', 'row', 'column', 'row']) {
    [matrix, vector] = layouts[name];
    for (let i = 0; i < 3; i++) await run();
    const t0 = performance.now();
    for (let i = 0; i < 15; i++) await run();
    ms[name] = Math.min(ms[name] ?? Infinity, (performance.now() - t0) / 15);
  }
  layout = ms.row < ms.column ? 'row' : 'column';
  [matrix, vector] = layouts[layout];
  for (const t of layouts[layout === 'row' ? 'column' : 'row']) t.dispose();
  const env = tf.env();
  const flags = backend === 'wasm' ? { simd: env.getBool('WASM_HAS_SIMD_SUPPORT'), threads: env.getBool('WASM_HAS_MULTITHREAD_SUPPORT') } : {};
  return { backend: tf.getBackend(), ...flags, layout, isolated: self.crossOriginIsolated };
}

async function run() {
  const scores = tf.matMul(matrix, vector);
  const data = await scores.data();
  scores.dispose();
  return data.length;
}

self.onmessage = async ({ data }) => {
  try {
    const result = data.cmd === 'init' ? await init(data) : await run();
    self.postMessage({ id: data.id, result });
  } catch (error) {
    self.postMessage({ id: data.id, error: String(error && error.message ? error.message : error) });
  }
};
