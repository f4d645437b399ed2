// `hearth simulate`: federated learning on a dataset's users, next to the centrally trained model.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { choiceOption, formatHelp, intOption, numberOption, parseOptions } from './args';
import type { OptionTable } from './args';
import { CliError } from './cli-error';
import { SERVER_OPTIMIZER_OPTIONS, serverOptimizerArgs } from './server-optimizer-options';
import { startProgress } from './progress';
import { useWasmBackend } from './tf-backend';
import { withDataErrors } from './eval-command';
import { readDataset } from '../data/read-dataset';
import { readAttributesOption } from './attributes-option';
import { leaveOneOut } from '../data/leave-one-out';
import type { Split } from '../data/leave-one-out';
import type { Dataset } from '../data/dataset';
import { popularityCounts } from '../data/popularity';
import { createRng, shuffleInPlace } from '../data/rng';
import { loadModel, serializeModel } from '../model/artifacts';
import { readModelDir, saveModelDir } from '../model/node-io';
import { ArtifactError } from '../model/artifact-error';
import { DEFAULT_ARCH } from '../model/model-config';
import type { ModelConfig } from '../model/model-config';
import { createSasRec } from '../model/sasrec';
import type { SasRec } from '../model/sasrec';
import { DEFAULT_TRAIN, trainSasRec } from '../model/train-sasrec';
import { calibrateNoiseMultiplier } from '../server/privacy-accountant';
import { rowNoiseFloor, shareAboveFloor } from '../server/row-noise-floor';
import { evaluateFull, evaluatePerUser, runFederatedSimulation } from '../server/federated-simulation';
import type { EvalStage, PoisonMode, SimulationRound } from '../server/federated-simulation';
import { evaluatedUsers, meanOf } from '../server/per-user-ndcg';
import { pairedDifference } from '../server/paired-difference';
import type { PairedDifference } from '../server/paired-difference';
import { personalizedNdcg, resolveFineTune } from '../server/personalized-evaluation';
import type { PersonalizedResult } from '../server/personalized-evaluation';

const USAGE = 'hearth simulate --data FILE [--attributes FILE] [--rounds R] [--clients-per-round C] [--epsilon E] [--json] [options]';
const OPTIONS: OptionTable = {
  data: { type: 'string', required: true, help: 'dataset file (user item [item …] lines, or a JSONL event log)' },
  attributes: { type: 'string', help: 'item → [attribute ids] JSON, as for `hearth train --attributes`: start, central and federated models get attribute embeddings (sent as a dense tensor in every update)' },
  rounds: { type: 'string', default: '20', help: 'federated rounds R' },
  'clients-per-round': { type: 'string', default: '500', help: 'expected clients per round C (Poisson sampling, q = C / clients)' },
  epsilon: { type: 'string', default: '8', help: "target ε after R rounds ('inf' = no noise); sets the noise multiplier" },
  'noise-multiplier': { type: 'string', help: 'use this noise multiplier instead of calibrating to --epsilon' },
  delta: { type: 'string', default: '1e-6', help: 'δ of (ε, δ)' },
  clip: { type: 'string', default: '0.5', help: 'L2 clip norm C of each update' },
  'local-steps': { type: 'string', default: '1', help: 'SGD steps of on-device fine-tuning (each a pass over the device\'s sequence)' },
  'local-lr': { type: 'string', default: '0.1', help: 'on-device SGD learning rate' },
  'local-negatives': { type: 'string', default: '64', help: 'sampled-softmax negatives per local step' },
  'rows-per-update': { type: 'string', default: '256', help: 'item-embedding rows per update (real + decoy)' },
  quantisation: { type: 'string', default: 'int8', help: 'int8 or fp16 on the wire' },
  aggregator: { type: 'string', default: 'mean', help: 'mean or trimmed-mean' },
  trim: { type: 'string', default: '0.1', help: 'trimmed-mean fraction cut at each end' },
  'server-lr': { type: 'string', default: '10', help: 'server step size on the aggregated delta (the mean dilutes a row few clients touch)' },
  ...SERVER_OPTIMIZER_OPTIONS,
  'public-fraction': { type: 'string', default: '0.2', help: 'fraction of users whose data pretrains the start model (0 = from scratch)' },
  'pretrain-epochs': { type: 'string', default: '200', help: 'maximum epochs of pretraining on the public users (early stopping on their validation items ends sooner)' },
  'pretrain-lr': { type: 'string', default: String(DEFAULT_TRAIN.learningRate), help: 'Adam learning rate of pretraining (and of central training when it runs here)' },
  pretrained: { type: 'string', help: 'directory: reuse the pretrained start model there, or save it there' },
  'central-model': { type: 'string', help: 'directory: the centrally trained model (reused if present, else trained and saved)' },
  'central-epochs': { type: 'string', default: '200', help: 'maximum epochs of central training (early-stopped) when no central model exists (0 and no --central-model: skip the reference)' },
  'eval-users': { type: 'string', default: '2000', help: 'users (seeded sample) evaluated with full ranking' },
  'eval-every': { type: 'string', default: '1', help: 'evaluate every N rounds' },
  'eval-stage': { type: 'string', default: 'test', help: "held-out item scored: 'valid' (tune a recipe on it) or 'test' (report)" },
  'poison-fraction': { type: 'string', default: '0', help: 'fraction of clients that poison their updates' },
  'poison-mode': { type: 'string', default: 'flip', help: 'flip (sign-flipped, inside the norm bound) or scale (×s, over the bound)' },
  'poison-scale': { type: 'string', default: '10', help: 'factor s of poisoned updates' },
  personalize: { type: 'boolean', help: "also score what each evaluated device shows: the start and the final global model fine-tuned on that user's own history by the SDK's on-device step (personalized_ndcg@10, start_personalized_ndcg@10)" },
  'personalize-steps': { type: 'string', help: "--personalize: on-device SGD steps (default: the SDK's)" },
  'personalize-lr': { type: 'string', help: "--personalize: on-device learning rate (default: the SDK's)" },
  'personalize-negatives': { type: 'string', help: "--personalize: sampled negatives per on-device step (default: the SDK's)" },
  'personalize-weight': { type: 'string', help: "--personalize: personal weight α in [0, 1]; the device shows global + α·(fine-tuned − global) (default: the SDK's)" },
  'save-model': { type: 'string', help: 'directory: write the final federated global model there as a model dir (`hearth eval --model DIR` reads it)' },
  seed: { type: 'string', default: '42', help: 'seed for user split, sampling, noise' },
  json: { type: 'boolean', help: 'print one JSON object on the last line' },
};

function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

function formatDiff(d: PairedDifference): string {
  return `${d.mean >= 0 ? '+' : ''}${d.mean.toFixed(4)} ± ${d.se.toFixed(4)} (SE, ${d.users} users)`;
}

function subSplit(split: Split, users: Split['users']): Split {
  return { users, numItems: split.numItems, skippedUsers: 0 };
}

// A saved model must have attribute embeddings exactly when --attributes gives them, of the same sizes.
function checkReusedAttributes(model: SasRec, config: ModelConfig, dir: string, label: string): void {
  const want = config.numAttributes ?? 0;
  const have = model.config.numAttributes ?? 0;
  if (want !== have || (want > 0 && model.config.attributesPerItem !== config.attributesPerItem)) {
    throw new CliError(`${label} model ${dir} has ${have ? `${have} attributes (${model.config.attributesPerItem} per item)` : 'no attributes'}, --attributes gives ${want ? `${want} (${config.attributesPerItem} per item)` : 'none'}`);
  }
}

async function loadOrTrain(dir: string | undefined, ds: Dataset, train: Split, full: Split, config: ModelConfig, itemAttributes: Int32Array | undefined, epochs: number, learningRate: number, seed: number, label: string): Promise<SasRec> {
  if (dir && existsSync(join(dir, 'manifest.json'))) {
    let loaded: SasRec;
    try {
      const { model, manifest } = await loadModel(readModelDir(dir));
      loaded = model;
      if (manifest.items.length !== ds.items.length) throw new CliError(`${label} model ${dir} has ${manifest.items.length - 1} items, the data has ${ds.items.length - 1}`);
    } catch (e) {
      if (e instanceof ArtifactError) throw new CliError(`${label} model ${dir}: ${e.message}`);
      throw e;
    }
    try {
      checkReusedAttributes(loaded, config, dir, label);
    } catch (e) {
      loaded.dispose();
      throw e;
    }
    return loaded;
  }
  const model = createSasRec(config, seed, itemAttributes);
  if (epochs > 0 && train.users.length > 0) {
    const bar = startProgress(`${label} training`, epochs, ['loss']);
    try {
      // Early stopping on validation NDCG@10 of these users' validation items (never test items),
      // as `hearth train` does: the start model and the central reference are both converged.
      await trainSasRec(model, train, { epochs, learningRate, seed, validUsers: 2000, evalEvery: 2, patience: DEFAULT_TRAIN.patience }, { onEpoch: (s) => bar.update(s.epoch, { loss: (s.history.at(-1)?.loss ?? 0).toFixed(3) }) });
    } finally {
      bar.stop();
    }
  }
  if (dir) saveModelDir(dir, await serializeModel(model, { items: ds.items, popularity: popularityCounts(full, 'test') }));
  return model;
}

/** `hearth simulate`: prints per-round NDCG@10 (full), ε and bytes per update. */
export async function run(argv: string[]): Promise<number> {
  const o = parseOptions(argv, OPTIONS);
  if (!o) {
    process.stdout.write(formatHelp(USAGE, 'Simulates federated fine-tuning with user-level DP on a dataset (its users become clients) and compares with central training.', OPTIONS));
    return 0;
  }
  const epsRaw = String(o.epsilon).toLowerCase();
  const epsilon = epsRaw === 'inf' || epsRaw === 'infinity' ? Infinity : numberOption(o, 'epsilon', 1e-3, 1e6)!;
  const quantisation = String(o.quantisation);
  if (quantisation !== 'int8' && quantisation !== 'fp16') throw new CliError(`--quantisation must be int8 or fp16, got '${quantisation}'`, 2);
  const aggregator = choiceOption(o, 'aggregator', ['mean', 'trimmed-mean']);
  const evalStage = String(o['eval-stage']);
  if (evalStage !== 'valid' && evalStage !== 'test') throw new CliError(`--eval-stage must be valid or test, got '${evalStage}'`, 2);
  const poisonMode = String(o['poison-mode']);
  if (poisonMode !== 'flip' && poisonMode !== 'scale') throw new CliError(`--poison-mode must be flip or scale, got '${poisonMode}'`, 2);
  const seed = intOption(o, 'seed', 0, 2 ** 31)!;
  const rounds = intOption(o, 'rounds', 1, 100_000)!;
  const clientsPerRound = intOption(o, 'clients-per-round', 1, 10_000_000)!;
  const delta = numberOption(o, 'delta', 1e-30, 0.5)!;
  const publicFraction = numberOption(o, 'public-fraction', 0, 0.9)!;
  const sim = {
    rounds,
    clientsPerRound,
    delta,
    clipNorm: numberOption(o, 'clip', 1e-9, 1e6)!,
    localSteps: intOption(o, 'local-steps', 1, 10_000)!,
    localLearningRate: numberOption(o, 'local-lr', 1e-9, 1e3)!,
    localNegatives: intOption(o, 'local-negatives', 1, 100_000)!,
    rowsPerUpdate: intOption(o, 'rows-per-update', 0, 1_000_000)!,
    quantisation: quantisation as 'int8' | 'fp16',
    aggregator,
    trimFraction: numberOption(o, 'trim', 0, 0.499)!,
    serverLearningRate: numberOption(o, 'server-lr', 1e-9, 1e6)!,
    ...serverOptimizerArgs(o),
    evalUsers: intOption(o, 'eval-users', 1, 100_000_000)!,
    evalEvery: intOption(o, 'eval-every', 1, 100_000)!,
    evalStage: evalStage as EvalStage,
    poisonFraction: numberOption(o, 'poison-fraction', 0, 0.99)!,
    poisonMode: poisonMode as PoisonMode,
    poisonScale: numberOption(o, 'poison-scale', 0, 1e9)!,
    seed,
  };
  const pretrainEpochs = intOption(o, 'pretrain-epochs', 0, 10_000)!;
  const centralEpochs = intOption(o, 'central-epochs', 0, 10_000)!;
  const pretrainLr = numberOption(o, 'pretrain-lr', 1e-9, 10)!;
  const explicitZ = numberOption(o, 'noise-multiplier', 0, 1e6);
  const personalize = o.personalize === true;
  const personalOverrides = {
    steps: intOption(o, 'personalize-steps', 1, 10_000),
    learningRate: numberOption(o, 'personalize-lr', 1e-9, 1e3),
    negatives: intOption(o, 'personalize-negatives', 1, 100_000),
    personalWeight: numberOption(o, 'personalize-weight', 0, 1),
  };
  if (!personalize && Object.values(personalOverrides).some((v) => v !== undefined)) throw new CliError('--personalize-steps, --personalize-lr, --personalize-negatives and --personalize-weight need --personalize', 2);
  const personalFineTune = resolveFineTune(personalOverrides);
  const saveDir = o['save-model'] as string | undefined;
  if (saveDir !== undefined && saveDir.trim() === '') throw new CliError('--save-model needs a directory', 2);
  const say = (line: string) => process.stderr.write(`${line}\n`);

  const backend = await useWasmBackend();
  const result = await withDataErrors(async () => {
    const ds = readDataset(String(o.data));
    const split = leaveOneOut(ds);
    if (split.users.length < 10) throw new CliError(`${String(o.data)}: too few users (${split.users.length}) with ≥ 3 interactions`);
    const shuffled = shuffleInPlace([...split.users], createRng(seed));
    const nPublic = Math.round(publicFraction * shuffled.length);
    const publicUsers = shuffled.slice(0, nPublic);
    const clients = shuffled.slice(nPublic);
    const { attrs, config: attrConfig } = readAttributesOption(o.attributes as string | undefined, ds.items);
    const config: ModelConfig = { numItems: split.numItems, ...DEFAULT_ARCH, ...attrConfig };
    say(`simulate: ${split.users.length} users (${nPublic} public, ${clients.length} clients), ${split.numItems} items${attrs ? `, ${attrs.numAttributes} attributes (≤ ${attrs.perItem} per item)` : ''}, backend ${backend.backend}`);
    const evalModel = await loadOrTrain(o.pretrained as string | undefined, ds, subSplit(split, publicUsers), split, config, attrs?.table, nPublic > 0 ? pretrainEpochs : 0, pretrainLr, seed + 1, 'pretrain');
    const startWeights = evalModel.getWeights();
    const startPerUser = await evaluatePerUser(evalModel, split, sim.evalUsers, seed, sim.evalStage);
    const startNdcg = meanOf(startPerUser);
    say(`start model NDCG@10 (${sim.evalStage}): ${startNdcg.toFixed(4)} (${nPublic > 0 ? `pretrained on ${nPublic} public users` : 'from scratch'})`);
    const usable = clients.filter((c) => c.train.length >= 2).length;
    const q = Math.min(1, clientsPerRound / Math.max(1, usable));
    const noiseMultiplier = explicitZ ?? calibrateNoiseMultiplier(epsilon, { sampleRate: q, rounds, delta });
    say(`DP: sample rate q=${q.toFixed(5)}, noise multiplier z=${noiseMultiplier.toFixed(4)}, clip C=${sim.clipNorm}, δ=${delta}`);
    // What this schedule can learn at all: an item row needs this many touching clients to clear the noise.
    const floor = rowNoiseFloor({ sampleRate: q, rounds, noiseMultiplier, rowsPerUpdate: sim.rowsPerUpdate, dim: evalModel.config.dim });
    const heldOut = evaluatedUsers(split, sim.evalUsers, seed).map((u) => (sim.evalStage === 'valid' ? u.valid : u.test));
    const share = shareAboveFloor(clients.map((c) => c.train), split.numItems, heldOut, floor.clientsForSnr1);
    if (noiseMultiplier > 0) {
      say(`DP noise floor: an item row needs ≥ ${Math.ceil(floor.clientsForSnr1)} touching clients (q·√T/z = ${(q * Math.sqrt(rounds) / noiseMultiplier).toFixed(3)}); ${(100 * share.items).toFixed(1)} % of items, ${(100 * share.targets).toFixed(1)} % of evaluated held-out items have that many`);
    }
    // The clients' model has the same item → attribute table as the start model (none without attributes).
    const clientModel = createSasRec(evalModel.config, seed + 2, evalModel.config.numAttributes ? evalModel.itemAttributes : undefined);
    const bar = startProgress('rounds', rounds, ['ndcg', 'eps']);
    try {
      const out = await runFederatedSimulation(split, clients, { evalModel, clientModel, seedWeights: startWeights }, { ...sim, noiseMultiplier }, (r: SimulationRound) => {
        bar.update(r.round, { ndcg: r['ndcg@10'] === null ? '-' : r['ndcg@10'].toFixed(4), eps: r.epsilon.toFixed(2) });
        if (!process.stderr.isTTY) say(`round ${r.round}: ${r.participants} clients (${r.accepted} accepted, ${r.rejected} rejected, ${r.poisoned} poisoned, ${r.clipped} clipped), NDCG@10 ${r['ndcg@10'] === null ? '-' : r['ndcg@10'].toFixed(4)}, ε ${r.epsilon.toFixed(3)}, ${r.bytesPerUpdate} B/update, ${r.seconds.toFixed(1)} s (${r.cpuSeconds.toFixed(1)} CPU-s, ${r.clientCpuMs.toFixed(0)} CPU-ms/client)`);
      });
      bar.stop();
      if (saveDir) {
        evalModel.setWeights(out.finalWeights);
        saveModelDir(saveDir, await serializeModel(evalModel, { items: ds.items, popularity: popularityCounts(split, 'test') }));
        say(`final global model written to ${saveDir}`);
      }
      // The central reference comes last so a long central training never delays the rounds.
      const centralDir = o['central-model'] as string | undefined;
      let centralNdcg: number | null = null;
      if (centralDir || centralEpochs > 0) {
        const central = await loadOrTrain(centralDir, ds, split, split, evalModel.config, attrs?.table, centralEpochs, pretrainLr, seed, 'central');
        centralNdcg = await evaluateFull(central, split, sim.evalUsers, seed, sim.evalStage);
        central.dispose();
        say(`central NDCG@10 (full, ${sim.evalStage}, same ${Math.min(sim.evalUsers, split.users.length)} users): ${centralNdcg.toFixed(4)}`);
      }
      let personal: { federated: PersonalizedResult; start: PersonalizedResult } | null = null;
      if (personalize) {
        // Each evaluated user's device: the SDK's fine-tune on its own history (never the held-out item), from each model.
        const users = evaluatedUsers(split, sim.evalUsers, seed);
        const popts = { ...personalOverrides, clipNorm: sim.clipNorm, rowsPerUpdate: sim.rowsPerUpdate, quantisation: sim.quantisation, seed };
        const progress = (label: string) => (done: number, total: number) => say(`personalising (${label}): ${done}/${total} users`);
        const federated = personalizedNdcg(clientModel, out.finalWeights, users, split, sim.evalStage, popts, progress('federated'));
        say(`personalised federated NDCG@10 (${sim.evalStage}): ${meanOf(federated.ndcg).toFixed(4)} (${federated.personalized} of ${users.length} users fine-tuned, ${federated.cpuMsPerUser.toFixed(0)} CPU-ms/user)`);
        const start = personalizedNdcg(clientModel, startWeights, users, split, sim.evalStage, popts, progress('start'));
        say(`personalised start NDCG@10 (${sim.evalStage}): ${meanOf(start.ndcg).toFixed(4)}`);
        personal = { federated, start };
      }
      return { out, centralNdcg, startNdcg, startPerUser, personal, noiseMultiplier, q, floor, share, nPublic, clients: clients.length, users: split.users.length, attributes: evalModel.config.numAttributes ?? 0 };
    } finally {
      bar.stop();
      evalModel.dispose();
      clientModel.dispose();
    }
  });
  const last = [...result.out.rounds].reverse().find((r) => r['ndcg@10'] !== null)!;
  const p = result.personal;
  const paired = (a: Float64Array, b: Float64Array): PairedDifference => pairedDifference(a, b);
  const summary = {
    'ndcg@10': last['ndcg@10'],
    'central_ndcg@10': result.centralNdcg,
    'start_ndcg@10': result.startNdcg,
    // Per-user paired differences on the same users: mean, standard error, users.
    federated_minus_start: paired(result.out.finalNdcg, result.startPerUser),
    'personalized_ndcg@10': p ? meanOf(p.federated.ndcg) : null,
    'start_personalized_ndcg@10': p ? meanOf(p.start.ndcg) : null,
    personalized_minus_federated: p ? paired(p.federated.ndcg, result.out.finalNdcg) : null,
    start_personalized_minus_start: p ? paired(p.start.ndcg, result.startPerUser) : null,
    personalized_federated_minus_personalized_start: p ? paired(p.federated.ndcg, p.start.ndcg) : null,
    personalize: p ? { ...p.federated.fineTune, users_fine_tuned: p.federated.personalized, cpu_ms_per_user: (p.federated.cpuMsPerUser + p.start.cpuMsPerUser) / 2 } : null,
    ratio_to_central: result.centralNdcg ? last['ndcg@10']! / result.centralNdcg : null,
    // JSON has no Infinity: without noise ε is reported as the string "Infinity".
    epsilon: Number.isFinite(result.out.epsilon) ? result.out.epsilon : 'Infinity',
    delta,
    rounds,
    clients_per_round: clientsPerRound,
    sample_rate: result.q,
    noise_multiplier: result.noiseMultiplier,
    clip: sim.clipNorm,
    // An optimistic bound (row-noise-floor.ts): clients an item row needs before its signal reaches the DP noise.
    row_noise_floor: {
      snr_per_client: Number.isFinite(result.floor.snrPerClient) ? result.floor.snrPerClient : 'Infinity',
      clients_for_snr1: result.floor.clientsForSnr1,
      items_above: result.share.items,
      eval_targets_above: result.share.targets,
    },
    bytes_per_update: result.out.bytesPerUpdate,
    aggregator: sim.aggregator,
    poison_fraction: sim.poisonFraction,
    poison_mode: sim.poisonMode,
    public_users: result.nPublic,
    client_users: result.clients,
    eval_users: Math.min(sim.evalUsers, result.users),
    eval_stage: sim.evalStage,
    local_steps: sim.localSteps,
    local_lr: sim.localLearningRate,
    server_lr: sim.serverLearningRate,
    server_optimizer: sim.serverOptimizer,
    server_beta1: sim.serverBeta1,
    server_beta2: sim.serverBeta2,
    server_tau: sim.serverTau,
    attributes: result.attributes,
    // Evaluation excluded; CPU time is the figure to compare on a shared machine.
    seconds_per_round: mean(result.out.rounds.map((r) => r.seconds)),
    cpu_seconds_per_round: mean(result.out.rounds.map((r) => r.cpuSeconds)),
    client_cpu_ms: mean(result.out.rounds.map((r) => r.clientCpuMs)),
    per_round: result.out.rounds,
  };
  if (o.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else {
    process.stdout.write(
      `federated NDCG@10 ${summary['ndcg@10']!.toFixed(4)} vs central ${summary['central_ndcg@10']?.toFixed(4) ?? '-'} (×${summary.ratio_to_central?.toFixed(3) ?? '-'}), start ${summary['start_ndcg@10'].toFixed(4)}\n` +
        `ε = ${typeof summary.epsilon === 'number' ? summary.epsilon.toFixed(3) : '∞'} at δ = ${delta} after ${rounds} rounds; ${summary.bytes_per_update} bytes per update\n` +
        `federated − start, per user: ${formatDiff(summary.federated_minus_start)}\n`,
    );
    if (p) {
      process.stdout.write(
        `personalised on-device (${personalFineTune.steps} steps, lr ${personalFineTune.learningRate}, ${personalFineTune.negatives} negatives, weight ${personalFineTune.personalWeight}): federated ${summary['personalized_ndcg@10']!.toFixed(4)}, start ${summary['start_personalized_ndcg@10']!.toFixed(4)}\n` +
          `personalised − global, federated: ${formatDiff(summary.personalized_minus_federated!)}; start: ${formatDiff(summary.start_personalized_minus_start!)}\n` +
          `personalised federated − personalised start: ${formatDiff(summary.personalized_federated_minus_personalized_start!)}\n`,
      );
    }
  }
  return 0;
}
