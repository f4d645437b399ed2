// Settings of the aggregation server, with defaults and validation.
import type { AggregatorKind } from './robust-aggregate';
import type { SyncMode } from './sqlite-store';
import type { NamedTensor } from '../federated/named-weights';
import type { Random } from '../federated/random';
import type { TrainLayoutInfo } from './train-layout';
import { checkOptimizerSettings } from './server-optimizer';
import type { ServerOptimizerKind } from './server-optimizer';

/** The model that becomes version 1 when the store has none. */
export interface SeedModel {
  tensors: NamedTensor[];
  /** 2-D tensors accepted as sparse row blocks (e.g. ['item_emb']). */
  sparse: string[];
  config: Record<string, unknown> | null;
  /**
   * The seed model's architecture, item ids and popularity (seedFromModelDir fills it): with it
   * the server also serves every version in the `hearth train` layout at /v1/model/manifest.json.
   */
  trainLayout?: TrainLayoutInfo;
}

/** Everything `createAggregationServer` accepts. Only `store` is required. */
export interface AggregationServerOptions {
  /** SQLite file (created if missing); ':memory:' only for throwaway use. */
  store: string;
  seed?: SeedModel;
  /** Run a round as soon as this many updates are pending (default 10). */
  minUpdates?: number;
  /** …or this many seconds after the oldest pending update arrived (default 600). */
  roundSeconds?: number;
  /** Most updates one round consumes (default 10000). */
  maxUpdatesPerRound?: number;
  /** L2 bound every update must respect (default 1). */
  clipNorm?: number;
  /** Gaussian noise std on the summed update, in units of clipNorm (default 1; 0 = no DP). */
  noiseMultiplier?: number;
  /** Probability a given user takes part in a round, for privacy amplification (default 1 = none claimed). */
  sampleRate?: number;
  /** δ of the reported (ε, δ) (default 1e-6). */
  delta?: number;
  aggregator?: AggregatorKind;
  /** Trimmed-mean fraction cut at each end (default 0.1). */
  trimFraction?: number;
  /** Server step size applied to the aggregated delta (default 1). */
  serverLearningRate?: number;
  /**
   * How the noised mean Δ is applied (default 'sgd': w += lr·Δ): 'momentum' (m = β1·m + Δ,
   * w += lr·m) or 'adam' (FedAdam, Reddi et al. 2021: w += lr·m/(√v + τ)). Post-processing of
   * the noised mean, so the DP guarantee is unchanged; state is stored with the newest versions
   * (`keepOptimizerStates`).
   */
  serverOptimizer?: ServerOptimizerKind;
  /**
   * Optimizer states (momentum / adam moments, 1–2 model sizes each) are kept for the newest N
   * version numbers only (default 10), pruned in the transaction that adds a version. A rollback
   * to one of them restores its state; a rollback to an older version restores the weights with
   * fresh (zero) state. Integer ≥ 1 (the head's state is what a restart resumes).
   */
  keepOptimizerStates?: number;
  /** β1 of momentum / adam, in [0, 1) (default 0.9). */
  serverBeta1?: number;
  /** β2 of adam, in [0, 1) (default 0.99). */
  serverBeta2?: number;
  /** τ of adam, > 0 (default 1e-3). */
  serverTau?: number;
  /** Accept updates computed against up to this many versions behind the head (default 1). */
  maxStaleness?: number;
  /** Per-client token bucket for POST /v1/updates, keyed by address + client header (default burst 20, 60/minute). */
  rateLimit?: { burst: number; perMinute: number };
  /**
   * Looser bucket per remote address, so rotating the client header does not bypass `rateLimit`
   * (default 10× rateLimit). null turns it off: behind a reverse proxy, or in a load test, every
   * device shares one address and this bucket would throttle all of them together.
   */
  addressRateLimit?: { burst: number; perMinute: number } | null;
  sync?: SyncMode;
  /** Uniform source for DP noise (default: crypto.getRandomValues). */
  random?: Random;
  /** Bearer token enabling POST /v1/admin/rollback; disabled when absent. */
  adminToken?: string;
  /** Log line sink (default: none). */
  log?: (line: string) => void;
}

/** Options with every default filled in. */
export type ResolvedServerOptions = Required<Omit<AggregationServerOptions, 'seed' | 'adminToken' | 'random' | 'log' | 'addressRateLimit'>> &
  Pick<AggregationServerOptions, 'seed' | 'adminToken' | 'random' | 'log'> & { addressRateLimit: { burst: number; perMinute: number } | null };

function check(ok: boolean, message: string): void {
  if (!ok) throw new RangeError(`aggregation server: ${message}`);
}

/** Fills defaults and throws a RangeError naming the first invalid option. */
export function resolveServerOptions(o: AggregationServerOptions): ResolvedServerOptions {
  check(!!o && typeof o.store === 'string' && o.store.length > 0, 'store must be a file path');
  const r: ResolvedServerOptions = {
    minUpdates: 10,
    roundSeconds: 600,
    maxUpdatesPerRound: 10_000,
    clipNorm: 1,
    noiseMultiplier: 1,
    sampleRate: 1,
    delta: 1e-6,
    aggregator: 'mean',
    trimFraction: 0.1,
    serverLearningRate: 1,
    serverOptimizer: 'sgd',
    serverBeta1: 0.9,
    serverBeta2: 0.99,
    serverTau: 1e-3,
    keepOptimizerStates: 10,
    maxStaleness: 1,
    rateLimit: { burst: 20, perMinute: 60 },
    sync: 'normal',
    ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)),
  } as ResolvedServerOptions;
  if (o.addressRateLimit === undefined) r.addressRateLimit = { burst: r.rateLimit.burst * 10, perMinute: r.rateLimit.perMinute * 10 };
  if (o.maxUpdatesPerRound === undefined) r.maxUpdatesPerRound = Math.max(10_000, r.minUpdates);
  check(Number.isInteger(r.minUpdates) && r.minUpdates >= 1, 'minUpdates must be an integer ≥ 1');
  check(r.roundSeconds > 0 && Number.isFinite(r.roundSeconds), 'roundSeconds must be > 0');
  check(Number.isInteger(r.maxUpdatesPerRound) && r.maxUpdatesPerRound >= r.minUpdates, 'maxUpdatesPerRound must be an integer ≥ minUpdates');
  check(r.clipNorm > 0 && Number.isFinite(r.clipNorm), 'clipNorm must be > 0');
  check(r.noiseMultiplier >= 0 && Number.isFinite(r.noiseMultiplier), 'noiseMultiplier must be ≥ 0');
  check(r.sampleRate > 0 && r.sampleRate <= 1, 'sampleRate must be in (0, 1]');
  check(r.delta > 0 && r.delta < 1, 'delta must be in (0, 1)');
  check(r.aggregator === 'mean' || r.aggregator === 'trimmed-mean', "aggregator must be 'mean' or 'trimmed-mean'");
  check(r.trimFraction >= 0 && r.trimFraction < 0.5, 'trimFraction must be in [0, 0.5)');
  check(r.serverLearningRate > 0 && Number.isFinite(r.serverLearningRate), 'serverLearningRate must be > 0');
  try {
    checkOptimizerSettings({ kind: r.serverOptimizer, lr: r.serverLearningRate, beta1: r.serverBeta1, beta2: r.serverBeta2, tau: r.serverTau });
  } catch (e) {
    check(false, (e as Error).message);
  }
  check(Number.isInteger(r.keepOptimizerStates) && r.keepOptimizerStates >= 1, 'keepOptimizerStates must be an integer ≥ 1');
  check(Number.isInteger(r.maxStaleness) && r.maxStaleness >= 0, 'maxStaleness must be an integer ≥ 0');
  check(r.rateLimit.burst >= 1 && r.rateLimit.perMinute > 0, 'rateLimit needs burst ≥ 1 and perMinute > 0');
  check(r.addressRateLimit === null || (r.addressRateLimit.burst >= 1 && r.addressRateLimit.perMinute > 0), 'addressRateLimit needs burst ≥ 1 and perMinute > 0 (or null for none)');
  check(r.sync === 'normal' || r.sync === 'full', "sync must be 'normal' or 'full'");
  return r;
}
