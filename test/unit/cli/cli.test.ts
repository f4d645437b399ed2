import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './support/run-cli';
import { writePlantedData } from './support/planted-data-file';

// Under a loaded 2-core machine, the first import of tfjs + the trainer alone can take a minute.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 60_000 });

let dir: string;
let data: string;

const run = runCli;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hearth-cli-'));
  ({ data } = writePlantedData(dir, 30, 200, 4));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hearth CLI', () => {
  it('prints help for the tool and each command', async () => {
    const top = await run('--help');
    expect(top.code).toBe(0);
    expect(top.out).toMatch(/train/);
    expect(top.out).toMatch(/eval/);
    for (const cmd of ['train', 'eval']) {
      const r = await run(cmd, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/--data/);
    }
  });

  it('rejects unknown commands, options and values with exit 2', async () => {
    expect((await run('frobnicate')).code).toBe(2);
    const unknown = await run('eval', '--model', 'pop', '--data', data, '--bogus');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/bogus/);
    const proto = await run('eval', '--model', 'pop', '--data', data, '--protocol', 'sampled5');
    expect(proto.code).toBe(2);
    expect(proto.err).toMatch(/--protocol must be/);
    const missing = await run('eval', '--data', data);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/missing required option --model/);
    const epochs = await run('train', '--data', data, '--out', join(dir, 'x'), '--epochs', 'many');
    expect(epochs.code).toBe(2);
    expect(epochs.err).toMatch(/--epochs must be an integer/);
  });

  it('names missing files and malformed lines (file and line), exit 1, no stack trace', async () => {
    const missing = await run('eval', '--model', 'pop', '--data', join(dir, 'nope.txt'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/nope.txt: no such file/);
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, 'u1 1 2 3\nu2\n');
    const r = await run('eval', '--model', 'pop', '--data', bad);
    expect(r.code).toBe(1);
    expect(r.err).toContain('bad.txt:2:');
    expect(r.err).not.toMatch(/\n\s+at /);
    const short = join(dir, 'short.txt');
    writeFileSync(short, 'u1 1\nu2 1 2\n');
    const s = await run('eval', '--model', 'pop', '--data', short);
    expect(s.code).toBe(1);
    expect(s.err).toMatch(/no user has the 3 interactions/);
  });

  it('evaluates popularity with the JSON contract on the last line', async () => {
    const r = await run('eval', '--model', 'pop', '--data', data, '--protocol', 'full', '--json');
    expect(r.code).toBe(0);
    const last = JSON.parse(r.out.trim().split('\n').pop()!);
    for (const k of ['protocol', 'users', 'hr@10', 'ndcg@10', 'hr@20', 'ndcg@20', 'mrr']) expect(last).toHaveProperty(k);
    expect(last.users).toBe(200);
  });

  it('trains, exports fp32/fp16/int8, evaluates them, and refuses tampered or mismatched models', async () => {
    const out = join(dir, 'model');
    const t = await run('train', '--data', data, '--out', out, '--epochs', '4', '--eval-every', '2', '--dim', '16', '--batch-size', '32',
      '--negatives', '16', '--lr', '0.01', '--valid-users', '100', '--seed', '3', '--json');
    expect(t.code, t.err).toBe(0);
    const summary = JSON.parse(t.out.trim().split('\n').pop()!);
    expect(summary.epochs).toBe(4);
    for (const p of ['model.json', 'manifest.json', 'fp16/model.json', 'int8/manifest.json', 'checkpoint/checkpoint.json']) expect(existsSync(join(out, p))).toBe(true);

    const pop = JSON.parse((await run('eval', '--model', 'pop', '--data', data, '--json')).out.trim().split('\n').pop()!);
    for (const m of [out, join(out, 'fp16'), join(out, 'int8')]) {
      const r = await run('eval', '--model', m, '--data', data, '--protocol', 'full', '--json');
      expect(r.code, r.err).toBe(0);
      const res = JSON.parse(r.out.trim().split('\n').pop()!);
      expect(res['ndcg@10']).toBeGreaterThan(pop['ndcg@10']);
    }

    // Unknown item ids at evaluation time.
    const other = join(dir, 'other.txt');
    writeFileSync(other, 'u1 sku-1 sku-2 sku-999\n');
    const unk = await run('eval', '--model', out, '--data', other);
    expect(unk.code).toBe(1);
    expect(unk.err).toMatch(/other.txt:1: item 'sku-999' is not in the model's item map/);

    // A flipped byte in a weight shard.
    const shard = join(out, 'int8', 'group1-shard1of1.bin');
    const bytes = readFileSync(shard);
    bytes[10] ^= 0xff;
    writeFileSync(shard, bytes);
    const tampered = await run('eval', '--model', join(out, 'int8'), '--data', data);
    expect(tampered.code).toBe(1);
    expect(tampered.err).toMatch(/sha256 mismatch/);

    // A manifest whose dimensions do not match the weights.
    const mf = join(out, 'fp16', 'manifest.json');
    const manifest = JSON.parse(readFileSync(mf, 'utf8'));
    manifest.config.dim = 32;
    writeFileSync(mf, JSON.stringify(manifest));
    const dim = await run('eval', '--model', join(out, 'fp16'), '--data', data);
    expect(dim.code).toBe(1);
    expect(dim.err).toMatch(/dimension mismatch/);

    const none = await run('eval', '--model', join(dir, 'no-model'), '--data', data);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/model.json: missing/);
  });

  it('resumes from a checkpoint to the same weights as an uninterrupted run', async () => {
    const common = ['--data', data, '--dim', '16', '--batch-size', '32', '--negatives', '16', '--lr', '0.01', '--valid-users', '50', '--eval-every', '1', '--seed', '5', '--patience', '99'];
    const full = join(dir, 'full');
    const part = join(dir, 'part');
    expect((await run('train', ...common, '--out', full, '--epochs', '3')).code).toBe(0);
    expect((await run('train', ...common, '--out', part, '--epochs', '2')).code).toBe(0);
    const resumed = await run('train', ...common, '--out', part, '--epochs', '3', '--resume');
    expect(resumed.code, resumed.err).toBe(0);
    expect(resumed.err).toMatch(/resuming after epoch 2/);
    const a = readFileSync(join(full, 'group1-shard1of1.bin'));
    const b = readFileSync(join(part, 'group1-shard1of1.bin'));
    expect(Buffer.compare(a, b)).toBe(0);
    const noCkpt = await run('train', ...common, '--out', join(dir, 'fresh'), '--resume');
    expect(noCkpt.code).toBe(1);
    expect(noCkpt.err).toMatch(/no checkpoint/);
  });
});
