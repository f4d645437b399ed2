// Benchmark: updates/s that one `hearth serve` process (pinned to one core when `taskset` exists)
// accepts over HTTP, for SASRec-on-Beauty-shaped updates, and the time of one aggregation round.
// Run: npx tsx src/server/ingest-benchmark.ts [updates=2000] [concurrency=16]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildModelUpdate } from '../federated/build-update';
import { encodeForUpload } from '../federated/encode-for-upload';
import type { NamedTensor } from '../federated/named-weights';
import { gaussianSampler, seededRandom } from '../federated/random';
import { AggregationEngine } from './aggregation-engine';

/** SASRec weights shaped like the Beauty model (12,101 items, d = 64, 2 blocks, length 50). */
export function beautyShapedWeights(random = seededRandom(1)): NamedTensor[] {
  const g = gaussianSampler(random);
  const t = (name: string, shape: number[]) => ({ name, shape, values: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => 0.05 * g()) });
  const out = [t('item_emb', [12102, 64]), t('pos_emb', [50, 64])];
  for (let b = 0; b < 2; b++) for (const n of ['wq', 'wk', 'wv', 'wo', 'w1', 'w2']) out.push(t(`block${b}/${n}`, [64, 64]));
  out.push(t('final_ln_gamma', [64]));
  return out;
}

// CPU seconds (user + system) used so far by `pid` (Linux /proc; taskset execs node, so it is the server), or null.
function cpuSeconds(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

function post(agent: Agent, url: URL, body: Uint8Array, client: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-length': body.length, 'x-hearth-client': client } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 2000);
  const concurrency = Number(process.argv[3] ?? 16);
  const dir = mkdtempSync(join(tmpdir(), 'hearth-ingest-'));
  const store = join(dir, 'bench.db');
  const seed = beautyShapedWeights();
  new AggregationEngine({ store, seed: { tensors: seed, sparse: ['item_emb'], config: null } }).close();
  const random = seededRandom(7);
  const g = gaussianSampler(random);
  // 50 distinct realistic updates (fine-tuned rows + decoys), re-sent under fresh ids.
  const templates = Array.from({ length: 50 }, (_, k) => {
    const local = seed.map((t) => ({ ...t, values: t.values.map((v) => v + 0.001 * g()) }));
    return buildModelUpdate({ baseVersion: 1, base: seed, local, sparseTensors: ['item_emb'], rowsPerUpdate: 256, clipNorm: 1, quantisation: 'int8', updateId: `t${k}`, random, touchedRows: new Map([['item_emb', Array.from({ length: 40 }, () => 1 + Math.floor(random() * 12101))]]) });
  });
  const bodies = Array.from({ length: n }, (_, i) => encodeForUpload({ ...templates[i % templates.length]!, updateId: `bench-${i}` }));
  const pin = spawnSync('sh', ['-c', 'command -v taskset']).status === 0 ? ['taskset', '-c', '0'] : [];
  const args = ['--import', 'tsx', 'test/unit/server/serve-entry.ts', 'serve', '--json', '--port', '0', '--store', store, '--min-updates', String(n + 1), '--rate-burst', String(n * 2), '--rate-per-minute', '1e6'];
  const child = spawn(pin.length ? pin[0]! : process.execPath, pin.length ? [...pin.slice(1), process.execPath, ...args] : args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
  });
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL('/v1/updates', url);
  let next = 0;
  let ok = 0;
  const cpuBefore = cpuSeconds(child.pid!);
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) {
      const i = next++;
      if ((await post(agent, target, bodies[i]!, `c${i}`)) === 202) ok++;
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  const cpuAfter = cpuSeconds(child.pid!);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  agent.destroy();
  const engine = new AggregationEngine({ store, noiseMultiplier: 1, maxUpdatesPerRound: 100_000 });
  const r0 = performance.now();
  const round = engine.runRound();
  const roundSeconds = (performance.now() - r0) / 1000;
  engine.close();
  rmSync(dir, { recursive: true, force: true });
  const result = { updates: n, accepted: ok, bytes_per_update: Math.round(bodies.reduce((a, b) => a + b.length, 0) / n), seconds, updates_per_s: ok / seconds, server_cpu_seconds: cpuAfter !== null && cpuBefore !== null ? cpuAfter - cpuBefore : null, updates_per_cpu_s: cpuAfter !== null && cpuBefore !== null ? ok / (cpuAfter - cpuBefore) : null, pinned_core: pin.length > 0, round_updates: round?.updates ?? 0, round_seconds: roundSeconds };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (process.argv[1] && /ingest-benchmark/.test(process.argv[1])) void main();
