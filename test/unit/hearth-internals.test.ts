import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHearth } from '../../src/hearth';
import { getInternals, mayWrite } from '../../src/hearth-internals';

beforeEach(() => { globalThis.indexedDB = new IDBFactory(); });

describe('mayWrite', () => {
  it('follows the instance\'s consent and is false for anything that is not an instance', async () => {
    const open = createHearth();
    expect(await mayWrite(open)).toBe(true);
    const gated = createHearth({ requireConsent: true, dbName: 'hearth-gated' });
    expect(await mayWrite(gated)).toBe(false);
    await gated.consent(true);
    expect(await mayWrite(gated)).toBe(true);
    for (const x of [{}, null, undefined, 'hearth', { track() {} }]) expect(await mayWrite(x)).toBe(false);
    expect(() => getInternals({} as never)).toThrow(/not a Hearth instance/);
    await open.close();
    await gated.close();
  });
});
