// `hearth serve`: the federated aggregation server (HTTP + embedded SQLite).
import { choiceOption, formatHelp, intOption, numberOption, parseOptions } from './args';
import type { OptionTable } from './args';
import { CliError } from './cli-error';
import { SERVER_OPTIMIZER_OPTIONS, serverOptimizerArgs } from './server-optimizer-options';
import { startServer } from '../server/index';
import type { SeedModel } from '../server/server-options';

const USAGE = 'hearth serve [--port P] [--store FILE] [--model DIR] [--min-updates M] [--round-seconds S] [--clip C] [--noise-multiplier Z] [options]';
const OPTIONS: OptionTable = {
  port: { type: 'string', default: '8787', help: 'TCP port (0 = any free port)' },
  host: { type: 'string', default: '127.0.0.1', help: 'interface to listen on (0.0.0.0 for all)' },
  store: { type: 'string', default: 'hearth-sync.db', help: 'SQLite file (WAL) holding versions, updates and the privacy ledger' },
  model: { type: 'string', help: 'model directory from `hearth train`; seeds version 1 when the store has no model' },
  'min-updates': { type: 'string', default: '10', help: 'aggregate as soon as this many updates are pending' },
  'round-seconds': { type: 'string', default: '600', help: '…or this long after the oldest pending update arrived' },
  clip: { type: 'string', default: '1', help: 'L2 norm bound C every update must respect' },
  'noise-multiplier': { type: 'string', default: '1', help: 'Gaussian noise std on the sum, in units of C (0 = no DP)' },
  'sample-rate': { type: 'string', default: '1', help: 'fraction of users taking part per round, for privacy amplification' },
  delta: { type: 'string', default: '1e-6', help: 'δ of the reported (ε, δ)' },
  aggregator: { type: 'string', default: 'mean', help: 'mean (FedAvg) or trimmed-mean (robust to poisoning)' },
  trim: { type: 'string', default: '0.1', help: 'trimmed-mean fraction cut at each end' },
  'server-lr': { type: 'string', default: '1', help: 'server step size on the aggregated delta' },
  ...SERVER_OPTIMIZER_OPTIONS,
  'keep-optimizer-states': { type: 'string', default: '10', help: 'keep momentum/adam state for the newest N versions (a rollback further back restores weights with zero state)' },
  'max-staleness': { type: 'string', default: '1', help: 'accept updates up to this many versions behind' },
  'rate-burst': { type: 'string', default: '20', help: 'per-client burst of POST /v1/updates' },
  'rate-per-minute': { type: 'string', default: '60', help: 'per-client sustained uploads per minute' },
  'rate-address-burst': { type: 'string', help: 'burst of POST /v1/updates per remote address, all client ids together (default 10× --rate-burst)' },
  'rate-address-per-minute': { type: 'string', help: 'uploads per minute per remote address (default 10× --rate-per-minute; 0 = no per-address limit, e.g. behind a reverse proxy or in a load test)' },
  sync: { type: 'string', default: 'normal', help: "'normal' survives kill -9; 'full' also survives power loss (slower)" },
  'admin-token': { type: 'string', help: 'enables POST /v1/admin/rollback (or set HEARTH_ADMIN_TOKEN)' },
  'rollback-to': { type: 'string', help: 'publish the weights of this version as a new head, then serve' },
  json: { type: 'boolean', help: 'print one JSON line {url, version, store} when listening' },
};

/** `hearth serve`: runs until SIGINT/SIGTERM; resolves to the exit status. */
export async function run(argv: string[]): Promise<number> {
  const o = parseOptions(argv, OPTIONS);
  if (!o) {
    process.stdout.write(formatHelp(USAGE, 'Runs the aggregation server: GET /v1/model, GET /v1/status, POST /v1/updates (CORS open).', OPTIONS));
    return 0;
  }
  const aggregator = choiceOption(o, 'aggregator', ['mean', 'trimmed-mean']);
  const sync = choiceOption(o, 'sync', ['normal', 'full']);
  const opts = {
    port: intOption(o, 'port', 0, 65535)!,
    host: String(o.host),
    store: String(o.store),
    minUpdates: intOption(o, 'min-updates', 1, 1_000_000)!,
    roundSeconds: numberOption(o, 'round-seconds', 0.01, 1e7)!,
    clipNorm: numberOption(o, 'clip', 1e-9, 1e9)!,
    noiseMultiplier: numberOption(o, 'noise-multiplier', 0, 1e6)!,
    sampleRate: numberOption(o, 'sample-rate', 1e-9, 1)!,
    delta: numberOption(o, 'delta', 1e-30, 0.999)!,
    aggregator,
    trimFraction: numberOption(o, 'trim', 0, 0.499)!,
    serverLearningRate: numberOption(o, 'server-lr', 1e-9, 1e6)!,
    ...serverOptimizerArgs(o),
    keepOptimizerStates: intOption(o, 'keep-optimizer-states', 1, 1_000_000)!,
    maxStaleness: intOption(o, 'max-staleness', 0, 1_000_000)!,
    rateLimit: { burst: intOption(o, 'rate-burst', 1, 1e9)!, perMinute: numberOption(o, 'rate-per-minute', 1e-6, 1e9)! },
    sync,
    adminToken: (o['admin-token'] as string | undefined) ?? process.env.HEARTH_ADMIN_TOKEN,
    log: (line: string) => process.stderr.write(`hearth serve: ${line}\n`),
  };
  const addressPerMinute = numberOption(o, 'rate-address-per-minute', 0, 1e9);
  const addressBurst = intOption(o, 'rate-address-burst', 1, 1e9);
  const addressRateLimit =
    addressPerMinute === 0 ? null : { burst: addressBurst ?? opts.rateLimit.burst * 10, perMinute: addressPerMinute ?? opts.rateLimit.perMinute * 10 };
  const rollbackTo = intOption(o, 'rollback-to', 1);
  let seed: SeedModel | undefined;
  if (o.model) {
    // tfjs is loaded only to read a seed model: a running server never needs it.
    const { useWasmBackend } = await import('./tf-backend');
    const { ArtifactError } = await import('../model/artifact-error');
    const { seedFromModelDir } = await import('../server/seed-from-model-dir');
    await useWasmBackend();
    try {
      seed = await seedFromModelDir(String(o.model));
    } catch (e) {
      if (e instanceof ArtifactError) throw new CliError(`model ${String(o.model)}: ${e.message}`);
      throw e;
    }
  }
  let started;
  try {
    started = await startServer({ ...opts, addressRateLimit, seed });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE') throw new CliError(`port ${opts.port} is already in use (try --port 0)`);
    if (err instanceof RangeError) throw new CliError(err.message.replace('aggregation server: ', ''), 2);
    if (err.code === 'SQLITE_CANTOPEN' || /unable to open database/.test(err.message)) throw new CliError(`cannot open store ${opts.store}: ${err.message}`);
    throw e;
  }
  const engine = started.server.engine;
  if (rollbackTo !== undefined) {
    try {
      const state = engine.rollbackOptimizerState(rollbackTo);
      engine.rollback(rollbackTo);
      if (state === 'reset') process.stderr.write(`hearth serve: version ${rollbackTo}'s optimizer state is no longer kept (--keep-optimizer-states); its weights are restored with zero state\n`);
    } catch (e) {
      await started.close();
      throw new CliError((e as Error).message, 2);
    }
  }
  const info = { url: started.url, version: engine.version, store: opts.store };
  process.stdout.write(o.json ? `${JSON.stringify(info)}\n` : `hearth serve: listening on ${info.url} (model version ${info.version}, store ${info.store})\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      started.close().then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}
