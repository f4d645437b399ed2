import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './support/run-cli';
import { writePlantedData } from './support/planted-data-file';

// Under a loaded 2-core machine, the first import of tfjs + the trainer alone can take a minute.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 60_000 });

let dir: string;
let data: string;
let attributes: string;

const run = runCli;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hearth-cli-attrs-'));
  const planted = writePlantedData(dir, 30, 120, 4);
  data = planted.data;
  const { ds } = planted;
  // Every item gets a category; every other item a second one.
  const attrs: Record<string, string[]> = {};
  ds.items.forEach((id, i) => {
    if (i > 0) attrs[id] = i % 2 === 0 ? [`cat-${i % 5}`, `brand-${i % 3}`] : [`cat-${i % 5}`];
  });
  attributes = join(dir, 'attributes.json');
  writeFileSync(attributes, JSON.stringify(attrs));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hearth train --attributes', () => {
  it('trains a model with attribute embeddings on WASM and writes them out', async () => {
    const out = join(dir, 'model');
    const t = await run('train', '--data', data, '--attributes', attributes, '--out', out, '--epochs', '2', '--eval-every', '1',
      '--dim', '16', '--batch-size', '32', '--negatives', '16', '--lr', '0.01', '--valid-users', '60', '--seed', '3', '--json');
    expect(t.code, t.err).toBe(0);
    const summary = JSON.parse(t.out.trim().split('\n').pop()!);
    expect(summary.epochs).toBe(2);
    expect(summary.backend).toMatch(/^wasm/);
    const losses = [...t.err.matchAll(/epoch \d+ loss ([0-9.eE+-]+|NaN|Infinity)/g)].map((m) => Number(m[1]));
    expect(losses).toHaveLength(2);
    for (const l of losses) expect(Number.isFinite(l)).toBe(true);
    const model = readFileSync(join(out, 'model.json'), 'utf8');
    expect(model).toMatch(/attr_emb/);
  });
});
