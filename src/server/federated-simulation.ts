// Node only: the federated simulator. Users of a dataset become clients running the same client
// code (local fine-tuning → private update → encode) against a real AggregationEngine (SQLite).
import type { ServerOptimizerKind } from './server-optimizer';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Split, UserSplit } from '../data/leave-one-out';
import { evaluate } from '../data/evaluate';
import type { SasRec, NamedWeights } from '../model/sasrec';
import type { ModelUpdate, Quantisation } from '../protocol';
import { computeLocalUpdate, namedTensorsOf } from '../federated/local-update';
import { createCompactScratch } from '../federated/compact-fine-tune';
import type { CompactScratch } from '../federated/compact-fine-tune';
import { encodeForUpload } from '../federated/encode-for-upload';
import { seededRandom } from '../federated/random';
import { clipUpdate, updateNorm } from '../federated/update-norm';
import { AggregationEngine } from './aggregation-engine';
import { unpackWeights } from './model-weights-file';
import type { AggregatorKind } from './robust-aggregate';
import { evaluatedUsers, meanOf, perUserNdcg } from './per-user-ndcg';

/** How poisoning clients corrupt their update. */
export type PoisonMode = 'flip' | 'scale';

/** Settings of one simulation. */
export interface SimulationOptions {
  rounds: number;
  clientsPerRound: number;
  noiseMultiplier: number;
  delta: number;
  clipNorm: number;
  localSteps: number;
  localLearningRate: number;
  localNegatives: number;
  rowsPerUpdate: number;
  quantisation: Quantisation;
  aggregator: AggregatorKind;
  trimFraction: number;
  serverLearningRate: number;
  /** Server optimizer on the noised mean (default 'sgd') and its β1, β2, τ (see AggregationServerOptions). */
  serverOptimizer?: ServerOptimizerKind;
  serverBeta1?: number;
  serverBeta2?: number;
  serverTau?: number;
  evalUsers: number;
  evalEvery: number;
  /** Item scored by the per-round evaluation: 'valid' for tuning a recipe, 'test' to report. */
  evalStage?: EvalStage;
  poisonFraction: number;
  poisonMode: PoisonMode;
  poisonScale: number;
  seed: number;
}

/** One round's report line. */
export interface SimulationRound {
  round: number;
  participants: number;
  accepted: number;
  rejected: number;
  poisoned: number;
  /** Honest updates whose norm reached the clip bound (they were scaled down to C). */
  clipped: number;
  "ndcg@10": number | null;
  epsilon: number;
  bytesPerUpdate: number;
  /** Wall seconds of the round (clients + aggregation), evaluation excluded. */
  seconds: number;
  /** CPU time of this process for the round, evaluation excluded (wall time is noisy on a shared machine). */
  cpuSeconds: number;
  /** CPU milliseconds per participating client: fine-tune, update, encode, submit. */
  clientCpuMs: number;
}

/** Which held-out item an evaluation scores. */
export type EvalStage = 'valid' | 'test';

function cpuSeconds(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
}

/** The moving parts the simulation needs from the model module (built by the CLI). */
export interface SimulationModels {
  /** Model that starts as the global seed; used to evaluate each version. */
  evalModel: SasRec;
  /** Scratch model the clients fine-tune (same config). */
  clientModel: SasRec;
  seedWeights: NamedWeights;
}

/**
 * NDCG@10 of `model` with full ranking on the test item (or, with stage 'valid', the validation
 * item from the training history alone) of a seeded sample of `maxUsers` users.
 */
export async function evaluateFull(model: SasRec, split: Split, maxUsers: number, seed: number, stage: EvalStage = 'test'): Promise<number> {
  const r = await evaluate(split, (h) => model.scoreBatch(h), { protocol: 'full', stage, seed, maxUsers, batchSize: 256 });
  return r['ndcg@10'];
}

/**
 * Per-user NDCG@10 (full ranking, `stage`) of `model` on the same seeded users `evaluateFull`
 * scores, in the same order: its mean is `evaluateFull`'s value, and two models' arrays can be
 * differenced user by user.
 */
export function evaluatePerUser(model: SasRec, split: Split, maxUsers: number, seed: number, stage: EvalStage = 'test'): Promise<Float64Array> {
  return perUserNdcg((h) => model.scoreBatch(h), evaluatedUsers(split, maxUsers, seed), split, stage);
}

// A poisoning client: sign-flipped (or scaled) version of its honest update.
function poison(u: ModelUpdate, mode: PoisonMode, scale: number, clipNorm: number): ModelUpdate {
  const f = mode === 'flip' ? -scale : scale;
  const p: ModelUpdate = {
    ...u,
    dense: u.dense.map((t) => ({ ...t, values: t.values.map((v) => v * f) })),
    sparse: u.sparse.map((s) => ({ ...s, values: s.values.map((v) => v * f) })),
  };
  // A flip attacker stays inside the norm bound (else the server rejects it outright); a scale
  // attacker sends the oversized update and is rejected by the norm check.
  if (mode === 'flip') clipUpdate(p, clipNorm);
  return p;
}

/** What a simulation ends with. */
export interface SimulationResult {
  rounds: SimulationRound[];
  epsilon: number;
  bytesPerUpdate: number;
  /** The global model after the last round. */
  finalWeights: NamedWeights;
  /** Per-user NDCG@10 of the final global model (the last round is always evaluated), as `evaluatePerUser`. */
  finalNdcg: Float64Array;
}

/**
 * Runs R rounds: each client takes part with probability q = clientsPerRound / clients (Poisson
 * sampling, as the accountant assumes), fine-tunes from the current global version on its own
 * training sequence and submits its encoded update; the engine aggregates (robust FedAvg + DP
 * noise). Calls `onRound` after every round.
 */
export async function runFederatedSimulation(
  split: Split,
  clients: readonly UserSplit[],
  models: SimulationModels,
  o: SimulationOptions,
  onRound: (r: SimulationRound) => void,
): Promise<SimulationResult> {
  const usable = clients.filter((c) => c.train.length >= 2);
  if (usable.length === 0) throw new RangeError('simulation: no client has the 2 training items fine-tuning needs');
  const q = Math.min(1, o.clientsPerRound / usable.length);
  const random = seededRandom(o.seed);
  const poisoners = new Set(usable.filter(() => random() < o.poisonFraction).map((c) => c.user));
  const dir = mkdtempSync(join(tmpdir(), 'hearth-sim-'));
  const { evalModel, clientModel, seedWeights } = models;
  const engine = new AggregationEngine({
    store: join(dir, 'sim.db'),
    seed: { tensors: namedTensorsOf(evalModel, seedWeights), sparse: ['item_emb'], config: null },
    minUpdates: 1_000_000,
    maxUpdatesPerRound: 1_000_000,
    clipNorm: o.clipNorm,
    noiseMultiplier: o.noiseMultiplier,
    sampleRate: q,
    delta: o.delta,
    aggregator: o.aggregator,
    trimFraction: o.trimFraction,
    serverLearningRate: o.serverLearningRate,
    serverOptimizer: o.serverOptimizer,
    serverBeta1: o.serverBeta1,
    serverBeta2: o.serverBeta2,
    serverTau: o.serverTau,
    maxStaleness: 0,
    random: seededRandom(o.seed + 1),
  });
  const rounds: SimulationRound[] = [];
  let totalBytes = 0;
  let totalUpdates = 0;
  let global = seedWeights;
  let finalNdcg: Float64Array = new Float64Array(0);
  // One compact model serves every client's fine-tune (models with attributes fine-tune in full).
  const scratch: CompactScratch | undefined = clientModel.config.numAttributes ? undefined : createCompactScratch(clientModel.config, o.localSteps, o.localNegatives);
  try {
    for (let r = 1; r <= o.rounds; r++) {
      const t0 = performance.now();
      const c0 = cpuSeconds();
      const participants = usable.filter(() => random() < q);
      let accepted = 0;
      let rejected = 0;
      let poisoned = 0;
      let clipped = 0;
      let bytes = 0;
      for (const c of participants) {
        // Rounds use only the update (the same for every α): α = 1 skips blending weights nobody shows.
        const { update } = computeLocalUpdate(clientModel, global, engine.version, c.train, {
          clipNorm: o.clipNorm,
          sparseTensors: ['item_emb'],
          rowsPerUpdate: o.rowsPerUpdate,
          quantisation: o.quantisation,
        }, { steps: o.localSteps, learningRate: o.localLearningRate, negatives: o.localNegatives, random, updateId: `r${r}-u${c.user}`, leaveModel: true, scratch, personalWeight: 1 });
        let sent = update;
        if (updateNorm(update) >= o.clipNorm * (1 - 1e-6)) clipped++;
        if (poisoners.has(c.user)) {
          sent = poison(update, o.poisonMode, o.poisonScale, o.clipNorm);
          poisoned++;
        }
        let payload: Uint8Array;
        try {
          payload = encodeForUpload(sent, random);
        } catch {
          rejected++;
          continue;
        }
        bytes += payload.length;
        const res = engine.submit(payload, `client-${c.user}`);
        if (res.ok) accepted++;
        else rejected++;
      }
      const clientCpu = cpuSeconds() - c0;
      engine.runRound();
      const head = engine.store.model(engine.version)!;
      global = Object.fromEntries(unpackWeights(head.weights, head.tensors).map((t) => [t.name, t.values]));
      const roundCpu = cpuSeconds() - c0;
      const roundWall = (performance.now() - t0) / 1000;
      let ndcg: number | null = null;
      if (r % o.evalEvery === 0 || r === o.rounds) {
        evalModel.setWeights(global);
        finalNdcg = await evaluatePerUser(evalModel, split, o.evalUsers, o.seed, o.evalStage ?? 'test');
        ndcg = meanOf(finalNdcg);
      }
      totalBytes += bytes;
      totalUpdates += participants.length;
      const line: SimulationRound = {
        round: r,
        participants: participants.length,
        accepted,
        rejected,
        poisoned,
        clipped,
        'ndcg@10': ndcg,
        epsilon: engine.privacy().epsilon,
        bytesPerUpdate: participants.length ? Math.round(bytes / participants.length) : 0,
        seconds: roundWall,
        cpuSeconds: roundCpu,
        clientCpuMs: participants.length ? (clientCpu * 1000) / participants.length : 0,
      };
      rounds.push(line);
      onRound(line);
    }
    return { rounds, epsilon: engine.privacy().epsilon, bytesPerUpdate: totalUpdates ? Math.round(totalBytes / totalUpdates) : 0, finalWeights: global, finalNdcg };
  } finally {
    scratch?.dispose();
    engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
