// Runs `hearth serve` (the federated aggregation server, embedded SQLite store) as a child
// process for the demo, and waits until it answers.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * Starts the aggregation server on a free loopback port. Promises: resolves `{ url, stop }`
 * once GET /v1/status answers, or `{ url: null, reason, stop }` when the CLI is missing or the
 * server did not come up within `timeoutMs`; never rejects. `stop()` ends the child.
 * @param {{ root: string, store: string, modelDir?: string|null, timeoutMs?: number }} opts
 */
export async function startAggregation({ root, store, modelDir, timeoutMs = 15_000 }) {
  const none = (reason) => ({ url: null, reason, stop: async () => {} });
  if (!existsSync(join(root, 'dist/node/cli.js'))) return none('the hearth CLI is not built');
  resetStoreIfModelChanged(store, modelDir);
  const port = await freePort();
  const args = [join(root, 'bin/hearth.js'), 'serve', '--port', String(port), '--store', store];
  if (modelDir && existsSync(modelDir)) args.push('--model', modelDir);
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-2000); });
  let exited = false;
  child.on('exit', () => { exited = true; });
  const stop = () => new Promise((done) => {
    if (exited) return done(undefined);
    child.once('exit', () => done(undefined));
    child.kill('SIGTERM');
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !exited) {
    try {
      const r = await fetch(`${url}/v1/status`);
      if (r.ok) return { url, stop };
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  return none(`hearth serve did not start${stderr ? `: ${stderr.trim().split('\n').pop()}` : ''}`);
}

/**
 * The store seeds version 1 from the model only when it is empty, so a retrained demo model
 * needs a fresh store: it is deleted when the model's training stamp differs from last time.
 */
function resetStoreIfModelChanged(store, modelDir) {
  const stampFile = modelDir ? join(modelDir, '.demo-inputs') : null;
  const current = stampFile && existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : 'none';
  const seen = `${store}.model`;
  if (existsSync(seen) && readFileSync(seen, 'utf8') === current) return;
  for (const f of [store, `${store}-wal`, `${store}-shm`]) rmSync(f, { force: true });
  writeFileSync(seen, current);
}

/** A port that was free a moment ago (the OS picks it). */
function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (s.address());
      s.close(() => ok(port));
    });
  });
}
