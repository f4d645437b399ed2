// Bench worker: the bare matrix-vector product behind recommend() (catalog embeddings × one
// user vector, scores read back), on a chosen tfjs backend, as the floor recommend() is compared
// with. Uses full @tensorflow/tfjs (bench only) + the WASM backend from node_modules.
importScripts('/node_modules/@tensorflow/tfjs/dist/tf.min.js', '/node_modules/@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.min.js');

let matrix = null;
let vector = null;

async function init({ backend, rows, dim }) {
  if (backend === 'wasm') tf.wasm.setWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
  const ok = await tf.setBackend(backend);
  if (!ok || tf.getBackend() !== backend) throw new Error(`backend ${backend} did not initialise in a worker (active: ${tf.getBackend()})`);
  await tf.ready();
  if (matrix) { matrix.dispose(); vector.dispose(); }
  matrix = tf.randomNormal([rows, dim], 0, 0.1, 'float32', 7);
  vector = tf.randomNormal([dim, 1], 0, 0.1, 'float32', 8);
  const env = tf.env();
  const flags = backend === 'wasm' ? { simd: env.getBool('WASM_HAS_SIMD_SUPPORT'), threads: env.getBool('WASM_HAS_MULTITHREAD_SUPPORT') } : {};
  return { backend: tf.getBackend(), ...flags, isolated: self.crossOriginIsolated };
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
