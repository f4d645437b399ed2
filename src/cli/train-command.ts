import { join } from 'node:path';
import { choiceOption, formatHelp, intOption, numberOption, parseOptions } from './args';
import type { OptionTable } from './args';
import { CliError } from './cli-error';
import { withDataErrors } from './eval-command';
import { startProgress } from './progress';
import { useWasmBackend } from './tf-backend';
import { loadCheckpoint, saveCheckpoint } from './checkpoint';
import { readDataset } from '../data/read-dataset';
import type { Protocol } from '../data/evaluate';
import { leaveOneOut } from '../data/leave-one-out';
import { popularityCounts } from '../data/popularity';
import { readAttributesOption } from './attributes-option';
import { DEFAULT_ARCH } from '../model/model-config';
import type { ModelConfig, ModelLayout } from '../model/model-config';
import { createSasRec } from '../model/sasrec';
import { DEFAULT_TRAIN, trainSasRec } from '../model/train-sasrec';
import type { LossWeighting, TrainOptions } from '../model/train-sasrec';
import { serializeModel } from '../model/artifacts';
import { saveModelDir } from '../model/node-io';
import type { Precision } from '../model/quantize';

/**
 * Default training budget in minutes: `hearth train` with defaults ends (and exports) within
 * ~15 minutes on a 2-core machine; Beauty's best validation epoch comes later than that.
 */
export const DEFAULT_MAX_MINUTES = 14;

/**
 * `hearth train`'s batch size: 128, not the library's 256. Chosen on Beauty validation: in the
 * 14-minute budget it reached validation NDCG@10 .05+ where 256 reached .044 (QUALITY.md). The
 * library default (DEFAULT_TRAIN, also used by `hearth simulate`) stays 256 so simulations
 * measured with it stay comparable.
 */
export const DEFAULT_CLI_BATCH_SIZE = 128;

const USAGE = 'hearth train --data FILE [--attributes FILE] --out DIR [--epochs N] [--seed S] [options]';
const OPTIONS: OptionTable = {
  data: { type: 'string', required: true, help: 'dataset file (user item [item …] lines, or a JSONL event log)' },
  attributes: { type: 'string', help: 'item → [attribute ids] JSON (adds attribute embeddings)' },
  out: { type: 'string', required: true, help: 'output directory (fp32 model; fp16/ and int8/ variants inside)' },
  epochs: { type: 'string', default: String(DEFAULT_TRAIN.epochs), help: 'maximum epochs (early stopping usually ends sooner)' },
  seed: { type: 'string', default: String(DEFAULT_TRAIN.seed), help: 'seed for initialisation, batches, negatives and dropout' },
  dim: { type: 'string', default: String(DEFAULT_ARCH.dim), help: 'embedding size' },
  blocks: { type: 'string', default: String(DEFAULT_ARCH.blocks), help: 'self-attention blocks' },
  heads: { type: 'string', default: String(DEFAULT_ARCH.heads), help: 'attention heads' },
  'max-len': { type: 'string', default: String(DEFAULT_ARCH.maxLen), help: 'longest history used' },
  dropout: { type: 'string', default: String(DEFAULT_ARCH.dropout), help: 'dropout rate' },
  'batch-size': { type: 'string', default: String(DEFAULT_CLI_BATCH_SIZE), help: 'sequences per step' },
  lr: { type: 'string', default: String(DEFAULT_TRAIN.learningRate), help: 'Adam learning rate' },
  'adam-beta2': { type: 'string', default: String(DEFAULT_TRAIN.adamBeta2), help: "Adam β2 in (0, 1) (SASRec's code: 0.98)" },
  layout: {
    type: 'string',
    default: 'pre-ln',
    help: "block layout: pre-ln, or sasrec (kang205/SASRec's code: input ×√dim, K/V from the un-normalised stream, no output projection, normalised residuals, Glorot embeddings)",
  },
  negatives: { type: 'string', default: String(DEFAULT_TRAIN.negatives), help: 'shared sampled-softmax negatives per step' },
  'bce-weight': { type: 'string', default: String(DEFAULT_TRAIN.bceWeight), help: 'weight of a binary cross-entropy term (target vs each negative) added to the sampled softmax; 0 = softmax only' },
  'softmax-weight': {
    type: 'string',
    default: String(DEFAULT_TRAIN.softmaxWeight),
    help: "weight of the sampled softmax; 0 with --bce-weight 1 is SASRec's own loss (BCE against the uniform negatives)",
  },
  'loss-weighting': {
    type: 'string',
    default: DEFAULT_TRAIN.lossWeighting,
    help: "batch (each length-bucketed batch's mean loss counts the same) or target (every target counts the same, as in SASRec's random batches)",
  },
  patience: { type: 'string', default: String(DEFAULT_TRAIN.patience), help: 'validations without improvement before stopping' },
  'eval-every': { type: 'string', default: String(DEFAULT_TRAIN.evalEvery), help: 'validate every N epochs' },
  'valid-users': { type: 'string', default: String(DEFAULT_TRAIN.validUsers), help: 'validation users (seeded sample)' },
  'valid-protocol': { type: 'string', default: DEFAULT_TRAIN.validProtocol, help: 'metric early stopping watches: full or sampled100 (match the protocol you report)' },
  'max-minutes': {
    type: 'string',
    default: String(DEFAULT_MAX_MINUTES),
    help: 'wall-clock training budget: an epoch starts only if it still fits, then the best-validation weights are exported; 0 = no budget',
  },
  'include-valid': {
    type: 'boolean',
    help: "also train on each user's validation item (a final refit once settings are chosen on validation; the test item is never used): no validation or early stopping, --epochs or --max-minutes ends training and the last weights are exported",
  },
  resume: { type: 'boolean', help: 'continue from DIR/checkpoint (same options)' },
  json: { type: 'boolean', help: 'print one JSON summary on the last line' },
};

/** `hearth train`: trains SASRec on the leave-one-out training part (plus the validation items with --include-valid) and exports fp32/fp16/int8. */
export async function run(argv: string[]): Promise<number> {
  const o = parseOptions(argv, OPTIONS);
  if (!o) {
    process.stdout.write(formatHelp(USAGE, 'Trains the recommender (WASM backend), early-stopping on validation NDCG@10, and exports it.', OPTIONS));
    return 0;
  }
  const arch = {
    dim: intOption(o, 'dim', 1, 1024)!,
    blocks: intOption(o, 'blocks', 0, 16)!,
    heads: intOption(o, 'heads', 1, 16)!,
    maxLen: intOption(o, 'max-len', 1, 1000)!,
    dropout: numberOption(o, 'dropout', 0, 0.95)!,
  };
  const layout = choiceOption<ModelLayout>(o, 'layout', ['pre-ln', 'sasrec']);
  const validProtocol = choiceOption<Protocol>(o, 'valid-protocol', ['full', 'sampled100']);
  if (arch.dim % arch.heads !== 0) throw new CliError(`--dim ${arch.dim} must be divisible by --heads ${arch.heads}`, 2);
  const train: TrainOptions = {
    epochs: intOption(o, 'epochs', 1, 100_000)!,
    seed: intOption(o, 'seed', 0, 2 ** 31 - 1)!,
    batchSize: intOption(o, 'batch-size', 1, 65_536)!,
    learningRate: numberOption(o, 'lr', 1e-7, 1)!,
    adamBeta2: numberOption(o, 'adam-beta2', 1e-6, 0.999999)!,
    negatives: intOption(o, 'negatives', 1, 100_000)!,
    bceWeight: numberOption(o, 'bce-weight', 0, 100)!,
    softmaxWeight: numberOption(o, 'softmax-weight', 0, 100)!,
    patience: intOption(o, 'patience', 1, 100_000)!,
    evalEvery: intOption(o, 'eval-every', 1, 100_000)!,
    validUsers: intOption(o, 'valid-users', 1, 100_000_000)!,
    validProtocol,
    includeValid: Boolean(o['include-valid']),
    lossWeighting: choiceOption<LossWeighting>(o, 'loss-weighting', ['batch', 'target']),
  };
  if (train.bceWeight === 0 && train.softmaxWeight === 0) throw new CliError('--softmax-weight 0 needs a --bce-weight above 0 (no loss to train on)', 2);
  const maxMinutes = numberOption(o, 'max-minutes', 0, 1e6)!;
  if (maxMinutes > 0) train.maxSeconds = maxMinutes * 60;
  const out = String(o.out);
  const backend = await useWasmBackend();
  const summary = await withDataErrors(async () => {
    const ds = readDataset(String(o.data));
    const split = leaveOneOut(ds);
    if (split.users.length === 0) throw new CliError(`${String(o.data)}: no user has the 3 interactions leave-one-out needs`);
    if (split.skippedUsers > 0) process.stderr.write(`note: ${split.skippedUsers} user(s) with fewer than 3 interactions skipped\n`);
    const { attrs, config: attrConfig } = readAttributesOption(o.attributes as string | undefined, ds.items);
    // 'pre-ln' stays implicit, so its manifests read exactly as before layouts existed.
    const config: ModelConfig = { numItems: split.numItems, ...arch, ...attrConfig, ...(layout === 'sasrec' ? { layout } : {}) };
    const model = createSasRec(config, train.seed, attrs?.table);
    try {
      const ckptDir = join(out, 'checkpoint');
      const resume = o.resume ? await loadCheckpoint(ckptDir, model, train.learningRate, train.adamBeta2) : undefined;
      if (resume) process.stderr.write(`resuming after epoch ${resume.state.epoch}\n`);
      let bar = startProgress('epoch 1', 1, ['loss', 'valid_ndcg10']);
      let lastNdcg = !train.includeValid && resume?.state.bestNdcg !== undefined && resume.state.bestNdcg >= 0 ? resume.state.bestNdcg.toFixed(4) : '-';
      let barEpoch = 0;
      const result = await trainSasRec(model, split, train, {
        onBatch: (done, total, loss, epoch) => {
          if (epoch !== barEpoch) {
            bar.stop();
            bar = startProgress(`epoch ${epoch}`, total, ['loss', 'valid_ndcg10']);
            barEpoch = epoch;
          }
          bar.update(done, { loss: loss.toFixed(3), valid_ndcg10: lastNdcg });
        },
        onEpoch: async (state, optimizer) => {
          const h = state.history[state.history.length - 1]!;
          if (h.validNdcg10 !== undefined) lastNdcg = h.validNdcg10.toFixed(4);
          if (!process.stderr.isTTY) {
            process.stderr.write(`epoch ${h.epoch} loss ${h.loss.toFixed(4)} ${h.seconds.toFixed(1)}s${h.validNdcg10 !== undefined ? ` valid ndcg@10 ${h.validNdcg10.toFixed(4)}` : ''}\n`);
          }
          await saveCheckpoint(ckptDir, model, state, optimizer, train);
        },
      }, resume);
      bar.stop();
      const s = result.state;
      // A refit (--include-valid) trained on the validation items: its exported weights are the
      // last epoch's, and the validation score of the run it continued no longer describes them.
      const refit = train.includeValid;
      const metrics = {
        validNdcg10: refit ? -1 : s.bestNdcg,
        validProtocol: train.validProtocol,
        fitOn: refit ? 'train+valid' : 'train',
        maxMinutes,
        // Why training ended: early stopping, the epoch limit, or the time budget.
        stopped: !refit && s.staleEvals >= train.patience ? 'early-stopping' : s.epoch >= train.epochs ? 'epochs' : 'time-budget',
        bestEpoch: refit ? s.epoch : s.bestEpoch,
        epochs: s.epoch,
        trainSeconds: Number(s.history.reduce((n, h) => n + h.seconds, 0).toFixed(1)),
        wallSeconds: Number(result.seconds.toFixed(1)),
        // CPU seconds of this process: comparable across runs on a shared, contended machine.
        cpuSeconds: Number(((process.cpuUsage().user + process.cpuUsage().system) / 1e6).toFixed(1)),
        parameters: model.parameterCount(),
        backend: `${backend.backend}${backend.simd ? '+simd' : ''}${backend.threads ? '+threads' : ''}`,
        seed: train.seed,
        // The optimisation settings (of this run; a --resume records its own): enough to re-run it.
        learningRate: train.learningRate,
        adamBeta2: train.adamBeta2,
        batchSize: train.batchSize,
        negatives: train.negatives,
        softmaxWeight: train.softmaxWeight,
        bceWeight: train.bceWeight,
        lossWeighting: train.lossWeighting,
      };
      const popularity = popularityCounts(split, 'test');
      const bytes: Record<string, number> = {};
      for (const precision of ['fp32', 'fp16', 'int8'] as Precision[]) {
        const artifacts = await serializeModel(model, { items: ds.items, popularity, metrics, precision });
        saveModelDir(precision === 'fp32' ? out : join(out, precision), artifacts);
        bytes[precision] = artifacts.weightData.byteLength;
      }
      return { out, ...metrics, bytes };
    } finally {
      model.dispose();
    }
  });
  const quality =
    summary.fitOn === 'train+valid'
      ? 'fitted on train+valid, last weights kept (no validation)'
      : `best valid NDCG@10 (${summary.validProtocol}) ${summary.validNdcg10.toFixed(4)} at epoch ${summary.bestEpoch}`;
  process.stdout.write(
    `trained ${summary.epochs} epochs in ${summary.wallSeconds}s (stopped by ${summary.stopped}): ${quality}; ` +
      `${summary.parameters} parameters; wrote ${out} (fp32 ${summary.bytes.fp32} B, fp16 ${summary.bytes.fp16} B, int8 ${summary.bytes.int8} B)\n`,
  );
  if (o.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  return 0;
}
