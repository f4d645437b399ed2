// Bench page: times, from the main thread, Hearth's recommend() per backend and the bare
// matrix-vector product of the same size on the same backend in a bench worker (the floor).

let floor = null;
let nextId = 1;

function call(worker, msg) {
  const id = nextId++;
  return new Promise((ok, fail) => {
    const onMessage = ({ data }) => {
      if (data.id !== id) return;
      worker.removeEventListener('message', onMessage);
      if (data.error) fail(new Error(data.error)); else ok(data.result);
    };
    worker.addEventListener('message', onMessage);
    worker.postMessage({ ...msg, id });
  });
}

async function timed(fn, reps) {
  const ms = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return ms;
}

window.bench = {
  /** Starts a fresh floor worker on `backend` with a rows × dim matrix; returns backend flags. */
  async floorInit(backend, rows, dim) {
    if (floor) floor.terminate();
    floor = new Worker('./floor-worker.js');
    floor.addEventListener('error', (e) => console.error('floor worker', e.message));
    return call(floor, { cmd: 'init', backend, rows, dim });
  },
  /** `reps` timings (ms) of one product + read-back, after `warmup` untimed ones. */
  async floorRun(reps, warmup) {
    await timed(() => call(floor, { cmd: 'run' }), warmup);
    return timed(() => call(floor, { cmd: 'run' }), reps);
  },
  floorStop() { if (floor) floor.terminate(); floor = null; },
};
window.benchReady = true;
