import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../../src/data/build-dataset';
import { parseJsonlInteractions, parseTextInteractions } from '../../../src/data/parse-interactions';
import { evalCase, leaveOneOut } from '../../../src/data/leave-one-out';
import { popularityCounts } from '../../../src/data/popularity';
import { parseItemAttributes } from '../../../src/data/item-attributes';

describe('readers', () => {
  it('reads both text layouts into the same sequences', () => {
    const perUser = buildDataset(parseTextInteractions('u1 a b c\nu2 b c\n', 'x.txt'), 'x.txt');
    const perLine = buildDataset(parseTextInteractions('u1 a\nu2 b\nu1 b\n\nu1 c\nu2 c\n', 'y.txt'), 'y.txt');
    for (const ds of [perUser, perLine]) {
      expect(ds.users).toEqual(['u1', 'u2']);
      expect(ds.items).toEqual(['', 'a', 'b', 'c']);
      expect(ds.sequences).toEqual([[1, 2, 3], [2, 3]]);
    }
  });

  it('keeps text files in line order within a user: no sorting by id, repeats kept (as SASRec reads Video.txt)', () => {
    const ds = buildDataset(parseTextInteractions('7 30\n8 5\n7 2\n7 2\n8 5\n7 10\n7 30\n', 'v.txt'), 'v.txt');
    expect(ds.users).toEqual(['7', '8']);
    expect(ds.sequences.map((s) => s.map((i) => ds.items[i]))).toEqual([['30', '2', '2', '10', '30'], ['5', '5']]);
    const u = leaveOneOut(ds).users[0]!;
    expect([u.train, u.valid, u.test].map((x) => (Array.isArray(x) ? x.map((i) => ds.items[i]) : ds.items[x]))).toEqual([['30', '2', '2'], '10', '30']);
  });

  it('orders JSONL events by ts (stable for equal ts) and filters types', () => {
    const text = [
      '{"user":1,"item":"b","ts":20,"type":"view"}',
      '{"user":1,"item":"a","ts":10,"type":"view"}',
      '{"user":1,"item":"c","ts":20,"type":"cart"}',
      '{"user":1,"item":"z","ts":5,"type":"search"}',
    ].join('\n');
    const rows = parseJsonlInteractions(text, 'e.jsonl', new Set(['view', 'cart']));
    const ds = buildDataset(rows, 'e.jsonl');
    expect(ds.sequences[0]!.map((i) => ds.items[i])).toEqual(['a', 'b', 'c']);
  });

  it('names file and line for malformed input', () => {
    expect(() => parseTextInteractions('u1 a\nu2\n', 'd.txt')).toThrow('d.txt:2:');
    expect(() => parseTextInteractions('u1 a\n\nu2 a,b\n', 'd.txt')).toThrow('d.txt:3:');
    expect(() => parseJsonlInteractions('{"user":1,"item":2,"ts":1}\nnot json\n', 'e.jsonl')).toThrow('e.jsonl:2: not valid JSON');
    expect(() => parseJsonlInteractions('{"user":1,"ts":1}\n', 'e.jsonl')).toThrow("e.jsonl:1: 'item'");
    expect(() => parseJsonlInteractions('{"user":1,"item":2,"ts":"x"}\n', 'e.jsonl')).toThrow("e.jsonl:1: 'ts'");
    expect(() => buildDataset([], 'empty.txt')).toThrow(/empty.txt: no interactions/);
  });

  it('maps through a model item map and rejects unknown items with their line', () => {
    const rows = parseTextInteractions('u1 a b\nu2 q\n', 'd.txt');
    expect(() => buildDataset(rows, 'd.txt', ['', 'a', 'b'])).toThrow("d.txt:2: item 'q' is not in the model's item map");
    const ds = buildDataset(parseTextInteractions('u1 b a\n', 'd.txt'), 'd.txt', ['', 'a', 'b']);
    expect(ds.sequences).toEqual([[2, 1]]);
  });

  it('aligns attributes with item indices', () => {
    const t = parseItemAttributes('{"a":[7,8],"c":[8]}', 'attr.json', ['', 'a', 'b', 'c']);
    expect(t.perItem).toBe(2);
    expect(t.numAttributes).toBe(2);
    expect(Array.from(t.table)).toEqual([0, 0, 1, 2, 0, 0, 2, 0]);
    expect(() => parseItemAttributes('[1]', 'attr.json', [''])).toThrow(/attr.json/);
  });
});

describe('leave-one-out', () => {
  const ds = buildDataset(parseTextInteractions('u1 1 2 3 4 5\nu2 6 7\nu3 1 8 9\n', 's.txt'), 's.txt');

  it('holds out the last item for test and the second-last for validation', () => {
    const split = leaveOneOut(ds);
    expect(split.skippedUsers).toBe(1);
    expect(split.users).toHaveLength(2);
    const [u1, u3] = split.users;
    const item = (i: number) => ds.items[i];
    expect(u1!.train.map(item)).toEqual(['1', '2', '3']);
    expect(item(u1!.valid)).toBe('4');
    expect(item(u1!.test)).toBe('5');
    expect(u3!.train.map(item)).toEqual(['1']);
    // The test input is the training history plus the validation item.
    expect(evalCase(u1!, 'test').history.map(item)).toEqual(['1', '2', '3', '4']);
    expect(evalCase(u1!, 'valid').history.map(item)).toEqual(['1', '2', '3']);
  });

  it('popularity never counts the held-out item', () => {
    const split = leaveOneOut(ds);
    const idx = (id: string) => ds.items.indexOf(id);
    const valid = popularityCounts(split, 'valid');
    const test = popularityCounts(split, 'test');
    expect(valid[idx('1')]).toBe(2);
    expect(valid[idx('4')]).toBe(0);
    expect(test[idx('4')]).toBe(1);
    expect(test[idx('5')]).toBe(0);
  });
});
