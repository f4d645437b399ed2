import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './support/run-cli';
import { writePlantedData } from './support/planted-data-file';

// Under a loaded 2-core machine, the first import of tfjs + the trainer alone can take a minute.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 60_000 });

let dir: string;
let data: string;
let attributes: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hearth-sim-cli-'));
  const planted = writePlantedData(dir, 30, 120, 4);
  data = planted.data;
  // Every item gets a category; every other item a brand too.
  const attrs: Record<string, string[]> = {};
  planted.ds.items.forEach((id, i) => {
    if (i > 0) attrs[id] = i % 2 === 0 ? [`cat-${i % 5}`, `brand-${i % 3}`] : [`cat-${i % 5}`];
  });
  attributes = join(dir, 'attributes.json');
  writeFileSync(attributes, JSON.stringify(attrs));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hearth simulate', () => {
  it('rejects bad option values with exit 2 and one line naming the option', async () => {
    const cases: [string[], RegExp][] = [
      [['--eval-stage', 'train'], /--eval-stage must be valid or test/],
      [['--local-steps', '0'], /--local-steps/],
      [['--local-lr', 'fast'], /--local-lr/],
      [['--clip', '-1'], /--clip/],
      [['--server-lr', '0'], /--server-lr/],
      [['--pretrain-lr', '0'], /--pretrain-lr/],
      [['--epsilon', '0'], /--epsilon/],
      [['--aggregator', 'median'], /--aggregator must be/],
      [['--poison-mode', 'swap'], /--poison-mode must be/],
      [['--server-optimizer', 'rmsprop'], /--server-optimizer must be sgd, momentum or adam/],
      [['--server-beta1', '1'], /--server-beta1/],
      [['--server-beta2', '-0.5'], /--server-beta2/],
      [['--server-tau', '0'], /--server-tau/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli('simulate', '--data', data, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.out).toBe('');
    }
  });

  it('prints the JSON contract on the last line, evaluating the item --eval-stage names', async () => {
    const common = ['simulate', '--data', data, '--rounds', '2', '--clients-per-round', '30', '--pretrain-epochs', '2', '--central-epochs', '0', '--eval-users', '50', '--local-steps', '1', '--json'];
    const r = await runCli(...common, '--eval-stage', 'valid', '--epsilon', 'inf');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out.trim().split('\n').pop()!);
    for (const k of ['ndcg@10', 'central_ndcg@10', 'epsilon', 'delta', 'rounds', 'bytes_per_update', 'per_round']) expect(j).toHaveProperty(k);
    expect(j.eval_stage).toBe('valid');
    expect(j.epsilon).toBe('Infinity');
    expect(j.rounds).toBe(2);
    expect(j.per_round).toHaveLength(2);
    expect(j.local_steps).toBe(1);
    expect(j.client_cpu_ms).toBeGreaterThan(0);
    expect(j.cpu_seconds_per_round).toBeGreaterThan(0);
    expect(j.bytes_per_update).toBeGreaterThan(0);
    expect(r.err).toMatch(/start model NDCG@10 \(valid\)/);
  });

  it('--attributes: start and federated models carry attribute embeddings; a saved start model must match', async () => {
    const pretrained = join(dir, 'pretrained-attrs');
    const common = ['simulate', '--data', data, '--rounds', '1', '--clients-per-round', '30', '--pretrain-epochs', '1', '--central-epochs', '0', '--eval-users', '30', '--eval-stage', 'valid', '--epsilon', 'inf', '--pretrained', pretrained, '--json'];
    const r = await runCli(...common, '--attributes', attributes);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out.trim().split('\n').pop()!);
    expect(j.attributes).toBe(8); // cat-0…4, brand-0…2
    expect(j.per_round[0].accepted).toBe(j.per_round[0].participants);
    expect(r.err).toMatch(/8 attributes \(≤ 2 per item\)/);
    // Reusing that start model without --attributes is refused, not silently mixed.
    const again = await runCli(...common);
    expect(again.code).not.toBe(0);
    expect(again.err).toMatch(/has 8 attributes \(2 per item\), --attributes gives none/);
  });
});
