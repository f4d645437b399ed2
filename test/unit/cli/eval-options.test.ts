import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './support/run-cli';
import { writePlantedData } from './support/planted-data-file';

vi.setConfig({ testTimeout: 120_000 });

let dir: string;
let data: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hearth-cli-eval-opts-'));
  ({ data } = writePlantedData(dir, 150, 200, 5));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const last = (out: string) => JSON.parse(out.trim().split('\n').pop()!);

describe('hearth eval --stage and --negatives', () => {
  it('documents both options with their defaults in --help', async () => {
    const r = await runCli('eval', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/--stage .*valid.*\(default: test\)/);
    expect(r.out).toMatch(/--negatives .*unseen.*sasrec-code.*\(default: unseen\)/);
  });

  it('rejects bad values with exit 2 and one line', async () => {
    for (const [args, msg] of [
      [['--stage', 'train'], /--stage must be 'test' or 'valid', got 'train'/],
      [['--protocol', 'sampled100', '--negatives', 'popular'], /--negatives must be 'unseen' or 'sasrec-code', got 'popular'/],
      [['--protocol', 'full', '--negatives', 'sasrec-code'], /--negatives sasrec-code applies to --protocol sampled100 only/],
    ] as const) {
      const r = await runCli('eval', '--model', 'pop', '--data', data, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  });

  it('evaluates the chosen stage and sampling and says which in the JSON', async () => {
    const base = ['--model', 'pop', '--data', data, '--protocol', 'sampled100', '--json'];
    const test = last((await runCli('eval', ...base)).out);
    const valid = last((await runCli('eval', ...base, '--stage', 'valid')).out);
    const sasrec = await runCli('eval', ...base, '--negatives', 'sasrec-code');
    expect(test).toMatchObject({ stage: 'test', users: 200 });
    expect(test).not.toHaveProperty('negatives');
    expect(valid).toMatchObject({ stage: 'valid', users: 200 });
    expect(valid['ndcg@10']).not.toBe(test['ndcg@10']);
    expect(sasrec.out).toMatch(/sasrec-code negatives/);
    expect(last(sasrec.out)).toMatchObject({ stage: 'test', negatives: 'sasrec-code', users: 200 });
  });
});
