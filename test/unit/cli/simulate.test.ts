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
      [['--personalize-steps', '3'], /need --personalize/],
      [['--personalize', '--personalize-steps', '0'], /--personalize-steps/],
      [['--personalize', '--personalize-lr', '-1'], /--personalize-lr/],
      [['--personalize-weight', '0.5'], /need --personalize/],
      [['--personalize', '--personalize-weight', '1.5'], /--personalize-weight must be a number in \[0, 1\]/],
      [['--personalize', '--personalize-weight', '-0.1'], /--personalize-weight/],
      [['--personalize', '--personalize-weight', 'half'], /--personalize-weight/],
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
    // No noise: every item row is above the floor.
    expect(j.row_noise_floor).toEqual({ snr_per_client: 'Infinity', clients_for_snr1: 0, items_above: 1, eval_targets_above: 1 });
    expect(r.err).toMatch(/start model NDCG@10 \(valid\)/);
  });

  it('with noise, reports the DP noise floor of an item row for its own schedule', async () => {
    const r = await runCli('simulate', '--data', data, '--rounds', '2', '--clients-per-round', '30', '--pretrain-epochs', '1', '--central-epochs', '0', '--eval-users', '30', '--epsilon', '8', '--json');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out.trim().split('\n').pop()!);
    const f = j.row_noise_floor;
    // 256 rows of d 64 per update (the defaults): √(256·64) = 128.
    expect(f.clients_for_snr1).toBeCloseTo((128 * j.noise_multiplier) / (j.sample_rate * Math.sqrt(2)), 6);
    expect(f.snr_per_client * f.clients_for_snr1).toBeCloseTo(1, 9);
    for (const k of ['items_above', 'eval_targets_above']) {
      expect(f[k]).toBeGreaterThanOrEqual(0);
      expect(f[k]).toBeLessThanOrEqual(1);
    }
    expect(r.err).toMatch(/DP noise floor: an item row needs ≥ \d+ touching clients/);
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

  it('--personalize scores the device fine-tune from start and final model, deterministic under --seed; --save-model writes a model hearth eval reads', async () => {
    const saved = join(dir, 'federated-model');
    const common = ['simulate', '--data', data, '--rounds', '1', '--clients-per-round', '30', '--pretrain-epochs', '1', '--central-epochs', '0', '--eval-users', '40', '--eval-stage', 'valid', '--epsilon', 'inf', '--local-steps', '1',
      '--personalize', '--personalize-steps', '3', '--personalize-lr', '0.2', '--personalize-negatives', '8', '--personalize-weight', '0.5', '--seed', '11', '--json'];
    const r = await runCli(...common, '--save-model', saved);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out.trim().split('\n').pop()!);
    for (const k of ['personalized_ndcg@10', 'start_personalized_ndcg@10']) {
      expect(j[k], k).toBeGreaterThanOrEqual(0);
      expect(j[k], k).toBeLessThanOrEqual(1);
    }
    expect(j.personalize).toMatchObject({ steps: 3, learningRate: 0.2, negatives: 8, personalWeight: 0.5, users_fine_tuned: 40 });
    // Paired differences are of the reported means, over the evaluated users.
    expect(j.federated_minus_start.users).toBe(40);
    expect(j.federated_minus_start.mean).toBeCloseTo(j['ndcg@10'] - j['start_ndcg@10'], 10);
    expect(j.personalized_minus_federated.mean).toBeCloseTo(j['personalized_ndcg@10'] - j['ndcg@10'], 10);
    expect(j.start_personalized_minus_start.mean).toBeCloseTo(j['start_personalized_ndcg@10'] - j['start_ndcg@10'], 10);
    expect(j.personalized_federated_minus_personalized_start.mean).toBeCloseTo(j['personalized_ndcg@10'] - j['start_personalized_ndcg@10'], 10);
    expect(j.federated_minus_start.se).toBeGreaterThanOrEqual(0);
    // The saved global model is the one scored: hearth eval gives the same NDCG@10 on the same users.
    const ev = await runCli('eval', '--model', saved, '--data', data, '--stage', 'valid', '--users', '40', '--seed', '11', '--json');
    expect(ev.code, ev.err).toBe(0);
    expect(JSON.parse(ev.out.trim().split('\n').pop()!)['ndcg@10']).toBeCloseTo(j['ndcg@10'], 10);
    // Same seed, same numbers.
    const again = await runCli(...common);
    expect(again.code, again.err).toBe(0);
    const k = JSON.parse(again.out.trim().split('\n').pop()!);
    for (const key of ['ndcg@10', 'personalized_ndcg@10', 'start_personalized_ndcg@10']) expect(k[key], key).toBe(j[key]);
    // Personal weight 0: the device shows the global model, so personalised = global exactly.
    const zero = await runCli(...common.map((a) => (a === '0.5' ? '0' : a)));
    expect(zero.code, zero.err).toBe(0);
    const z = JSON.parse(zero.out.trim().split('\n').pop()!);
    expect(z.personalize.personalWeight).toBe(0);
    expect(z['ndcg@10']).toBe(j['ndcg@10']);
    expect(z['personalized_ndcg@10']).toBe(z['ndcg@10']);
    expect(z['start_personalized_ndcg@10']).toBe(z['start_ndcg@10']);
    // Text mode names the personalised rows and the paired difference.
    const text = await runCli(...common.filter((a) => a !== '--json'));
    expect(text.out).toMatch(/federated − start, per user: [+-]\d\.\d{4} ± \d\.\d{4} \(SE, 40 users\)/);
    expect(text.out).toMatch(/personalised on-device \(3 steps, lr 0\.2, 8 negatives, weight 0\.5\)/);
  });
});
