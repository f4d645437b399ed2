#!/usr/bin/env node
// `npm run demo`: prepares the demo data and model (cached in demo/.cache, retrained only when
// inputs change), starts the aggregation server and the storefront, and prints the URL.
// Ctrl-C stops everything.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { parseDemoArgs, DEMO_HELP } from './lib/demo-args.mjs';
import { prepareDemoData } from './lib/demo-data.mjs';
import { ensureDemoModel } from './lib/demo-model.mjs';
import { startAggregation } from './lib/aggregation.mjs';
import { createStorefrontServer } from './lib/storefront-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const log = (line) => process.stderr.write(`demo: ${line}\n`);

let args;
try {
  args = parseDemoArgs(process.argv.slice(2), process.env);
} catch (err) {
  process.stderr.write(`demo: ${err.message}\n\n${DEMO_HELP}`);
  process.exit(2);
}
if (args.help) {
  process.stdout.write(DEMO_HELP);
  process.exit(0);
}

// Ctrl-C can come at any stage: it stops training, the aggregation server and the storefront.
const stop = new AbortController();
let aggregation = null;
let server = null;
let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  stop.abort();
  server?.closeAllConnections?.();
  await Promise.all([
    server?.listening ? new Promise((done) => server.close(() => done(undefined))) : undefined,
    aggregation?.stop(),
  ]);
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

const cacheDir = join(here, '.cache');
mkdirSync(cacheDir, { recursive: true });
const data = prepareDemoData(cacheDir);
log(`catalog: ${data.catalog.length} products; training data: ${data.histories.length} synthetic shoppers`);

const modelDir = join(cacheDir, 'model');
const model = args.train ? await ensureDemoModel({ root, modelDir, data, force: args.retrain, log, signal: stop.signal }) : { status: 'unavailable', reason: 'skipped (--no-train)' };
if (model.status === 'unavailable') log(`no demo model: ${model.reason}; recommendations fall back to popularity`);
else if (model.status === 'stale') log(`retraining failed (${model.reason}); serving the previous demo model`);
else log(`demo model ${model.status} (${modelDir})`);

aggregation = args.aggregation
  ? await startAggregation({ root, store: join(cacheDir, 'updates.sqlite'), modelDir: model.status === 'unavailable' ? null : modelDir })
  : { url: null, reason: 'disabled (--no-aggregation)', stop: async () => {} };
if (stopping) {
  // Ctrl-C arrived while the server was starting: shutdown() saw none, so stop it here.
  await aggregation.stop();
  process.exit(0);
}
log(aggregation.url ? `aggregation server (hearth serve) at ${aggregation.url}, proxied under /v1/` : `aggregation server not running: ${aggregation.reason}`);

server = createStorefrontServer({
  catalog: data.catalog,
  ranking: data.ranking,
  publicDir: join(here, 'public'),
  distDir: join(root, 'dist'),
  wasmDir: join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist'),
  modelDir: model.status === 'unavailable' ? null : modelDir,
  aggregationUrl: aggregation.url,
});
server.on('error', async (err) => {
  log(err.code === 'EADDRINUSE' ? `port ${args.port} is already in use; pick another with --port` : `server error: ${err.message}`);
  await aggregation.stop();
  process.exit(1);
});
server.listen(args.port, '127.0.0.1', () => {
  const { port } = server.address();
  process.stdout.write(`Hearth demo shop: http://127.0.0.1:${port}/\n`);
  log('press Ctrl-C to stop');
});

