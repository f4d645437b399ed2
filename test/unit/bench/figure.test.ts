import { describe, expect, it } from 'vitest';
import { hasHearthFailure, measured, MissingPart, notMeasured, reasonOf, Unavailable, type FigureSpec } from '../../../scripts/bench/figure';
import { runGroup } from '../../../scripts/bench/group';

const spec = (key: string, hearth = true): FigureSpec => ({ key, label: key, unit: 'ms', hearth });

describe('figures that could not be measured', () => {
  it('classifies the reason by error kind', () => {
    expect(notMeasured(spec('a'), new MissingPart('src/worker missing')).status).toBe('missing');
    expect(notMeasured(spec('a'), new Unavailable('Chromium not found')).status).toBe('unavailable');
    expect(notMeasured(spec('a'), new TypeError('boom')).status).toBe('failed');
    expect(notMeasured(spec('a'), 'plain string')).toMatchObject({ status: 'failed', value: null, reps: 0, note: 'plain string' });
  });
  it('keeps only the first line of a message (never a stack)', () => {
    expect(reasonOf(new Error('\nfirst line\nsecond line'))).toBe('first line');
  });
  it('refuses non-finite values and repetitions below one', () => {
    expect(() => measured(spec('a'), Number.NaN, 3)).toThrow(/finite/);
    expect(() => measured(spec('a'), 1, 0)).toThrow(/repetitions/);
    expect(measured(spec('a'), 2, 5)).toMatchObject({ status: 'ok', value: 2, reps: 5 });
  });
  it('fails the run only for Hearth figures that failed', () => {
    const peerFailed = notMeasured(spec('peer', false), new Error('x'));
    const hearthMissing = notMeasured(spec('h'), new MissingPart('x'));
    const hearthUnavailable = notMeasured(spec('h'), new Unavailable('x'));
    expect(hasHearthFailure([peerFailed, hearthMissing, hearthUnavailable])).toBe(false);
    expect(hasHearthFailure([notMeasured(spec('h'), new Error('crash'))])).toBe(true);
  });
});

describe('runGroup', () => {
  it('returns one figure per spec, in order, marking absent and error outcomes', async () => {
    const figs = await runGroup({
      name: 'g',
      specs: [spec('a'), spec('b'), spec('c'), spec('d')],
      run: async () => ({ a: { value: 1, reps: 3 }, b: new MissingPart('no worker'), d: { value: Number.NaN, reps: 1 } }),
    }, null);
    expect(figs.map((f) => [f.key, f.status])).toEqual([['a', 'ok'], ['b', 'missing'], ['c', 'failed'], ['d', 'failed']]);
    expect(figs[2]!.note).toMatch(/g produced no value for c/);
  });
  it('marks every figure with the error when the group throws', async () => {
    const figs = await runGroup({ name: 'g', specs: [spec('a'), spec('b', false)], run: async () => { throw new Unavailable('port 80 is in use'); } }, null);
    expect(figs.every((f) => f.status === 'unavailable' && f.note === 'port 80 is in use')).toBe(true);
  });
});
