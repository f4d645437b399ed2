import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './support/run-cli';
import { writePlantedData } from './support/planted-data-file';

// Under a loaded 2-core machine, the first import of tfjs + the trainer alone can take a minute.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 60_000 });

let dir: string;
let data: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hearth-cli-train-opts-'));
  ({ data } = writePlantedData(dir, 130, 160, 8));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The exported fp32 weights of a trained model directory. */
const weights = (d: string) => readFileSync(join(d, 'group1-shard1of1.bin'));

/** HR@10 of `model` on the planted data's validation items (sampled100); asserts the eval succeeded. */
async function validHr10(model: string): Promise<number> {
  const e = await runCli('eval', '--model', model, '--data', data, '--protocol', 'sampled100', '--stage', 'valid', '--json');
  expect(e.code, e.err).toBe(0);
  return JSON.parse(e.out.trim().split('\n').pop()!)['hr@10'];
}

const small = ['--dim', '16', '--batch-size', '32', '--negatives', '16', '--lr', '0.01', '--valid-users', '100', '--seed', '3'];

describe('hearth train options', () => {
  it('documents --valid-protocol and the --max-minutes default in --help', async () => {
    const r = await runCli('train', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/--valid-protocol .*full or sampled100/);
    expect(r.out).toMatch(/--max-minutes .*\(default: 14\)/);
    expect(r.out).toMatch(/--batch-size .*\(default: 128\)/);
    expect(r.out).toMatch(/--bce-weight .*binary cross-entropy.*\(default: 0\)/);
    expect(r.out).toMatch(/--softmax-weight .*SASRec's own loss.*\(default: 1\)/);
    expect(r.out).toMatch(/--include-valid .*validation item.*test item is never used/);
    expect(r.out).toMatch(/--layout .*pre-ln, or sasrec.*\(default: pre-ln\)/);
    expect(r.out).toMatch(/--adam-beta2 .*\(default: 0\.999\)/);
    expect(r.out).toMatch(/--loss-weighting .*every target counts the same.*\(default: batch\)/);
  });

  it('rejects a bad --valid-protocol or --max-minutes with exit 2 and one line', async () => {
    for (const [flag, value, msg] of [
      ['--valid-protocol', 'sampled5', /--valid-protocol must be 'full' or 'sampled100', got 'sampled5'/],
      ['--max-minutes', '-1', /--max-minutes must be a number/],
      ['--max-minutes', 'soon', /--max-minutes/],
      ['--bce-weight', '-0.5', /--bce-weight must be a number in \[0, 100\], got '-0.5'/],
      ['--bce-weight', 'lots', /--bce-weight must be a number/],
      ['--softmax-weight', '-1', /--softmax-weight must be a number in \[0, 100\], got '-1'/],
      ['--softmax-weight', '0', /--softmax-weight 0 needs a --bce-weight above 0/],
      ['--layout', 'post-ln', /--layout must be 'pre-ln' or 'sasrec', got 'post-ln'/],
      ['--adam-beta2', '1', /--adam-beta2 must be a number/],
      ['--loss-weighting', 'user', /--loss-weighting must be 'batch' or 'target', got 'user'/],
    ] as const) {
      const r = await runCli('train', '--data', data, '--out', join(dir, 'bad'), `${flag}=${value}`);
      expect(r.code, `${flag} ${value}`).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  });

  it('early-stops on sampled100 validation and records which metric in the manifest', async () => {
    const out = join(dir, 'sampled');
    const t = await runCli('train', '--data', data, '--out', out, '--epochs', '4', '--eval-every', '2', '--valid-protocol', 'sampled100', ...small, '--json');
    expect(t.code, t.err).toBe(0);
    const summary = JSON.parse(t.out.trim().split('\n').pop()!);
    expect(summary.validProtocol).toBe('sampled100');
    expect(summary.epochs).toBe(4);
    expect(t.out).toMatch(/best valid NDCG@10 \(sampled100\)/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.metrics.validProtocol).toBe('sampled100');
    expect(manifest.metrics.maxMinutes).toBe(14);
    // Sampled100 validation of the exported model is far above chance (10/101 for HR@10).
    expect(await validHr10(out)).toBeGreaterThan(0.3);
  });

  it('--bce-weight changes training, is deterministic, and resumes exactly', async () => {
    const common = ['--data', data, ...small, '--eval-every', '1', '--patience', '99', '--max-minutes', '0'];
    const train = async (name: string, ...extra: string[]) => {
      const r = await runCli('train', ...common, '--out', join(dir, name), ...extra);
      expect(r.code, r.err).toBe(0);
      return join(dir, name);
    };
    const softmax = await train('bce0', '--epochs', '3');
    // Every target weighing the same trains other weights than every batch weighing the same.
    const perTarget = await train('perTarget', '--epochs', '3', '--loss-weighting', 'target');
    expect(Buffer.compare(weights(perTarget), weights(softmax))).not.toBe(0);
    expect(JSON.parse(readFileSync(join(perTarget, 'manifest.json'), 'utf8')).metrics.lossWeighting).toBe('target');
    const a = await train('bceA', '--epochs', '3', '--bce-weight', '0.5');
    const b = await train('bceB', '--epochs', '2', '--bce-weight', '0.5');
    const resumed = await runCli('train', ...common, '--out', b, '--epochs', '3', '--bce-weight', '0.5', '--resume');
    expect(resumed.code, resumed.err).toBe(0);
    expect(resumed.err).toMatch(/resuming after epoch 2/);
    expect(Buffer.compare(weights(a), weights(b))).toBe(0);
    expect(Buffer.compare(weights(a), weights(softmax))).not.toBe(0);
  });

  it("--softmax-weight 0 --bce-weight 1 (SASRec's loss alone) learns the planted pattern", async () => {
    const out = join(dir, 'bce-only');
    const both = join(dir, 'bce-plus-softmax');
    const args = ['--data', data, '--epochs', '4', '--eval-every', '2', '--bce-weight', '1', ...small, '--json'];
    const t = await runCli('train', ...args, '--out', out, '--softmax-weight', '0');
    expect(t.code, t.err).toBe(0);
    expect((await runCli('train', ...args, '--out', both)).code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.metrics).toMatchObject({ softmaxWeight: 0, bceWeight: 1, negatives: 16, batchSize: 32, learningRate: 0.01 });
    // Same seed and batches: only the dropped softmax term can make the weights differ.
    expect(Buffer.compare(weights(out), weights(both))).not.toBe(0);
    expect(await validHr10(out)).toBeGreaterThan(0.3);
  });

  it('--include-valid continues a validated run on train + validation items and records it in the manifest', async () => {
    const out = join(dir, 'refit');
    const common = ['--data', data, '--out', out, ...small, '--eval-every', '1', '--max-minutes', '0', '--json'];
    const first = await runCli('train', ...common, '--epochs', '2');
    expect(first.code, first.err).toBe(0);
    expect(JSON.parse(first.out.trim().split('\n').pop()!).fitOn).toBe('train');
    const r = await runCli('train', ...common, '--epochs', '3', '--resume', '--include-valid');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/resuming after epoch 2/);
    expect(r.err).not.toMatch(/epoch 3 .*valid ndcg/);
    expect(r.out).toMatch(/fitted on train\+valid, last weights kept/);
    const summary = JSON.parse(r.out.trim().split('\n').pop()!);
    expect(summary).toMatchObject({ fitOn: 'train+valid', epochs: 3, bestEpoch: 3, stopped: 'epochs', validNdcg10: -1 });
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.metrics.fitOn).toBe('train+valid');
  });

  it("--layout sasrec --adam-beta2 0.98 trains SASRec's block, records both, and resumes exactly", async () => {
    const base = ['--data', data, ...small, '--eval-every', '1', '--patience', '99', '--max-minutes', '0', '--layout', 'sasrec', '--json'];
    const common = [...base, '--adam-beta2', '0.98'];
    const a = join(dir, 'layoutA');
    const b = join(dir, 'layoutB');
    const t = await runCli('train', ...common, '--out', a, '--epochs', '3');
    expect(t.code, t.err).toBe(0);
    expect((await runCli('train', ...common, '--out', b, '--epochs', '2')).code).toBe(0);
    const resumed = await runCli('train', ...common, '--out', b, '--epochs', '3', '--resume');
    expect(resumed.code, resumed.err).toBe(0);
    // The resumed Adam must carry β2 0.98 on, or its weights drift from the uninterrupted run's.
    expect(Buffer.compare(weights(a), weights(b))).toBe(0);
    const manifest = JSON.parse(readFileSync(join(a, 'manifest.json'), 'utf8'));
    expect(manifest.config.layout).toBe('sasrec');
    expect(manifest.metrics.adamBeta2).toBe(0.98);
    expect(await validHr10(a)).toBeGreaterThan(0.3);
    // β2 is part of the recipe: the default 0.999 trains other weights.
    const c = join(dir, 'layoutC');
    expect((await runCli('train', ...base, '--out', c, '--epochs', '3')).code).toBe(0);
    expect(Buffer.compare(weights(a), weights(c))).not.toBe(0);
  });
});
