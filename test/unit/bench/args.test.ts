import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../scripts/bench/args';

const groups = ['sizes', 'track-cost'];

describe('parseArgs', () => {
  it('has safe defaults', () => {
    expect(parseArgs([], groups)).toEqual({ quick: false, json: false, reuseQuality: false, qualityModel: null, build: true, port: 0, only: [], out: null, help: false });
  });
  it('reads every option', () => {
    expect(parseArgs(['--quick', '--json', '--no-build', '--port', '8080', '--only', 'sizes', '--out', 'x.md'], groups))
      .toMatchObject({ quick: true, json: true, build: false, port: 8080, only: ['sizes'], out: 'x.md' });
  });
  it('rejects bad input with a clear message', () => {
    expect(() => parseArgs(['--port', 'abc'], groups)).toThrow(/--port must be an integer/);
    expect(() => parseArgs(['--port', '70000'], groups)).toThrow(/--port must be an integer/);
    expect(() => parseArgs(['--port'], groups)).toThrow(/--port needs a value/);
    expect(() => parseArgs(['--only', 'nope'], groups)).toThrow(/unknown group\(s\) nope; known: sizes, track-cost/);
    expect(() => parseArgs(['--fast'], groups)).toThrow(/unknown option "--fast"/);
  });
});

describe('readQualityCache', () => {
  it('says a full run is needed when there is no cache, and refuses a malformed one', async () => {
    const { readQualityCache } = await import('../../../scripts/bench/quality');
    const { MissingPart } = await import('../../../scripts/bench/figure');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'bench-q-'));
    expect(() => readQualityCache(join(dir, 'none.json'))).toThrow(MissingPart);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ trainSeconds: 'x' }));
    expect(() => readQualityCache(join(dir, 'bad.json'))).toThrow(/malformed/);
    const good = { measuredAt: 't', commit: 'c', trainSeconds: 10, bytes: { fp32: 4, int8: 1 }, ndcg10: { fp32: 0.05, int8: 0.049 }, command: 'x' };
    writeFileSync(join(dir, 'good.json'), JSON.stringify(good));
    expect(readQualityCache(join(dir, 'good.json'))).toEqual(good);
  });
});
