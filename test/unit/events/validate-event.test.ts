import { describe, expect, it } from 'vitest';
import { validateEvent } from '../../../src/events/validate-event';
import { LIMITS } from '../../../src/events/limits';

const item = { id: 'sku-1', name: 'Boot', category: 'Shoes', brand: 'Acme', price: 49.5, currency: 'EUR' };

describe('validateEvent: valid events of every type', () => {
  it.each([
    { type: 'page_view', url: 'https://shop.test/a', title: 'A' },
    { type: 'product_view', item },
    { type: 'click', item, list: 'home', position: 3 },
    { type: 'add_to_cart', item: { ...item, quantity: 2 } },
    { type: 'remove_from_cart', item },
    { type: 'purchase', items: [item, { id: 'sku-2' }], value: 99, currency: 'EUR', orderId: 'o-1' },
    { type: 'search', query: 'red boots', results: 12 },
    { type: 'rate', item, rating: 5 },
    { type: 'custom', name: 'newsletter', props: { source: 'footer', n: 1, ok: true } },
    { type: 'custom', name: 'delta', props: { d: -3.5 } },
  ])('accepts $type', (input) => {
    const r = validateEvent(input);
    expect(r).toEqual({ ok: true, event: input });
  });
});

describe('validateEvent: normalisation', () => {
  it('turns numeric ids into strings, price strings into numbers, currencies upper-case', () => {
    const r = validateEvent({ type: 'purchase', items: [{ id: 42, price: ' 1,299.50 ', currency: 'usd' }], value: '1299.5', currency: ' usd ' });
    expect(r).toEqual({ ok: true, event: { type: 'purchase', items: [{ id: '42', price: 1299.5, currency: 'USD' }], value: 1299.5, currency: 'USD' } });
  });
  it('drops unknown keys and trims names', () => {
    const r = validateEvent({ type: 'product_view', item: { id: 'a', name: '  Boot ', secret: 'x' }, extra: 1 });
    expect(r).toEqual({ ok: true, event: { type: 'product_view', item: { id: 'a', name: 'Boot' } } });
  });
  it('trims and lower-cases the type, trims queries and order ids, keeps urls as given', () => {
    expect(validateEvent({ type: ' Search ', query: ' boots ' })).toEqual({ ok: true, event: { type: 'search', query: 'boots' } });
    expect(validateEvent({ type: 'PAGE_VIEW', url: ' https://a.test/ ' })).toEqual({ ok: true, event: { type: 'page_view', url: ' https://a.test/ ' } });
    expect(validateEvent({ type: 'purchase', items: [{ id: 'a', quantity: '2' }], value: 3, currency: 'EUR', orderId: 17 })).toEqual({ ok: true, event: { type: 'purchase', items: [{ id: 'a', quantity: 2 }], value: 3, currency: 'EUR', orderId: '17' } });
  });
  it('leaves what is not a number for the schema to refuse', () => {
    const r = validateEvent({ type: 'product_view', item: { id: 'a', price: 'free' } });
    expect(r).toEqual({ ok: false, message: 'item.price: expected a finite number, got string' });
  });
  it('ignores unknown keys, even cyclic ones or DOM-like objects', () => {
    const input: Record<string, unknown> = { type: 'page_view' };
    input.self = input;
    expect(validateEvent(input)).toEqual({ ok: true, event: { type: 'page_view' } });
  });
  it('does not mutate its input', () => {
    const input = { type: 'product_view', item: { id: 7 } };
    validateEvent(input);
    expect(input.item.id).toBe(7);
  });
});

describe('validateEvent: bad input is rejected with a message naming the field', () => {
  const cyclic: Record<string, unknown> = { type: 'custom', name: 'x' };
  cyclic.props = cyclic;
  it.each<[string, unknown, RegExp]>([
    ['not an object', 'page_view', /^event: must be an object$/],
    ['null', null, /must be an object/],
    ['an array', [], /must be an object/],
    ['unknown type', { type: 'hover' }, /type: expected one of page_view/],
    ['missing type', { item }, /type: expected one of/],
    ['missing item', { type: 'product_view' }, /item: expected an object, got undefined/],
    ['missing id', { type: 'click', item: { name: 'x' } }, /item\.id: expected a string, got undefined/],
    ['empty id', { type: 'click', item: { id: '' } }, /item\.id: is empty/],
    ['wrong type', { type: 'search', query: { q: 1 } }, /query: expected a string, got object/],
    ['oversized string', { type: 'search', query: 'x'.repeat(LIMITS.string + 1) }, /query: is longer than 512/],
    ['oversized event', { type: 'custom', name: 'x', props: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, 'y'.repeat(500)])) }, /larger than 8192/],
    ['cyclic object', cyclic, /props\.props: expected a string, number or boolean, got object/],
    ['NaN', { type: 'rate', item, rating: NaN }, /rating: expected a finite number, got NaN/],
    ['Infinity price', { type: 'product_view', item: { id: 'a', price: Infinity } }, /item\.price: expected a finite number, got Infinity/],
    ['negative price', { type: 'product_view', item: { id: 'a', price: -1 } }, /item\.price: is below 0/],
    ['rating out of range', { type: 'rate', item, rating: 6 }, /rating: is above 5/],
    ['bad currency', { type: 'purchase', items: [item], value: 1, currency: 'EURO' }, /currency: is longer than 3|currency: is not/],
    ['empty purchase', { type: 'purchase', items: [], value: 1, currency: 'EUR' }, /items: is empty/],
    ['bad nested item', { type: 'purchase', items: [item, { id: '' }], value: 1, currency: 'EUR' }, /^items\[1\]\.id: is empty/],
    ['too many items', { type: 'purchase', items: Array.from({ length: 51 }, (_, i) => ({ id: `i${i}` })), value: 1, currency: 'EUR' }, /items: has more than 50/],
    ['a function', { type: 'custom', name: 'x', props: { f: () => 1 } }, /props\.f: expected a string, number or boolean, got function/],
    ['nested props', { type: 'custom', name: 'x', props: { a: { b: 1 } } }, /props\.a: expected a string, number or boolean, got object/],
    ['a bigint', { type: 'search', query: 5n }, /query: expected a string, got bigint/],
    ['a throwing getter', { type: 'search', get query() { throw new Error('boom'); } }, /event could not be read: boom/],
  ])('%s', (_, input, message) => {
    const r = validateEvent(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});
