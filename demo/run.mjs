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

const cacheDir = join(here, '.cache');
mkdirSync(cacheDir, { recursive: true });
const data = prepareDemoData(cacheDir);
log(`catalog: ${data.catalog.length} products; training data: ${data.histories.length} synthetic shoppers`);

const modelDir = join(cacheDir, 'model');
const model = args.train ? await ensureDemoModel({ root, modelDir, data, force: args.retrain, log }) : { status: 'unavailable', reason: 'skipped (--no-train)' };
log(model.status === 'unavailable' ? `no demo model: ${model.reason}; recommendations fall back to popularity` : `demo model ${model.status} (${modelDir})`);

const aggregation = args.aggregation
  ? await startAggregation({ root, store: join(cacheDir, 'updates.sqlite'), modelDir: model.status === 'unavailable' ? null : modelDir })
  : { url: null, reason: 'disabled (--no-aggregation)', stop: async () => {} };
log(aggregation.url ? `aggregation server (hearth serve) at ${aggregation.url}, proxied under /v1/` : `aggregation server not running: ${aggregation.reason}`);

const server = createStorefrontServer({
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

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  server.closeAllConnections?.();
  await Promise.all([new Promise((done) => server.close(() => done(undefined))), aggregation.stop()]);
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
