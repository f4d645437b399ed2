import { describe, expect, it } from 'vitest';
import { parseLenientJson } from '../../../src/events/autocapture/parse-lenient-json';

describe('parseLenientJson', () => {
  it('parses valid JSON unchanged', () => {
    expect(parseLenientJson('{"a":[1,2],"b":"x"}')).toEqual({ a: [1, 2], b: 'x' });
  });
  it('strips HTML comment and CDATA wrappers', () => {
    expect(parseLenientJson('<!--\n{"@type":"Product","sku":"1"}\n-->')).toEqual({ '@type': 'Product', sku: '1' });
    expect(parseLenientJson('//<![CDATA[\n{"sku":"2"}\n//]]>')).toEqual({ sku: '2' });
  });
  it('strips // and /* */ comments but keeps // inside strings', () => {
    expect(parseLenientJson('{ /* c */ "url": "https://x.test/p", // trailing\n "n": 1 }')).toEqual({ url: 'https://x.test/p', n: 1 });
  });
  it('turns raw control characters (newlines, tabs in strings) into spaces', () => {
    expect(parseLenientJson('{"name":"Red\nBoot\t2"}')).toEqual({ name: 'Red Boot 2' });
  });
  it('removes trailing commas and ignores junk after the value', () => {
    expect(parseLenientJson('{"a":[1,2,],"b":{"c":3,},}')).toEqual({ a: [1, 2], b: { c: 3 } });
    expect(parseLenientJson('{"sku":"3"}}}')).toEqual({ sku: '3' });
    expect(parseLenientJson('{"sku":"4"} trailing text')).toEqual({ sku: '4' });
  });
  it('keeps escaped quotes in strings', () => {
    expect(parseLenientJson('{"name":"12\\" pizza", }')).toEqual({ name: '12" pizza' });
  });
  it('returns undefined for garbage, never throws', () => {
    for (const s of ['', 'not json', '{"a":', '{{{{', '}}}', '/*', '"unterminated']) expect(() => parseLenientJson(s)).not.toThrow();
    expect(parseLenientJson('{"a":')).toBeUndefined();
    expect(parseLenientJson('not json')).toBeUndefined();
  });
});
