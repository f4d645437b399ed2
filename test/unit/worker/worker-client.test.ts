import { describe, expect, it } from 'vitest';
import { createWorkerClient, type WorkerLike } from '../../../src/worker/worker-client';

/** A worker double that answers through a function (or never, or with an error event). */
function fakeWorker(answer: (msg: any, reply: (m: unknown) => void, fail: (msg: string) => void) => void): WorkerLike & { terminated: boolean } {
  const listeners: Record<string, ((ev: Event) => void)[]> = {};
  const w = {
    terminated: false,
    postMessage(msg: unknown) {
      queueMicrotask(() => answer(msg, (m) => listeners.message?.forEach((l) => l({ data: m } as MessageEvent)), (message) => listeners.error?.forEach((l) => l({ message, preventDefault() {} } as unknown as Event))));
    },
    addEventListener(type: string, l: (ev: Event) => void) { (listeners[type] ??= []).push(l); },
    terminate() { w.terminated = true; },
  };
  return w;
}

describe('worker client', () => {
  it('matches answers to requests by id, in any order', async () => {
    const pending: [any, (m: unknown) => void][] = [];
    const c = createWorkerClient(fakeWorker((msg, reply) => { pending.push([msg, reply]); if (pending.length === 2) for (const [m, r] of pending.reverse()) r({ id: m.id, ok: true, result: { items: m.items.length } }); }));
    const a = c.call('setCatalog', { items: [{ id: 'x' }] });
    const b = c.call('setCatalog', { items: [{ id: 'x' }, { id: 'y' }] });
    expect(await a).toEqual({ items: 1 });
    expect(await b).toEqual({ items: 2 });
    expect(c.pending()).toBe(0);
  });
  it('turns worker errors into rejections with the same code', async () => {
    const c = createWorkerClient(fakeWorker((msg, reply) => reply({ id: msg.id, ok: false, error: { code: 'no_model', message: 'none' } })));
    await expect(c.call('status', {})).rejects.toMatchObject({ name: 'RecommendError', code: 'no_model', message: 'none' });
  });
  it('times out a silent worker and settles everything when the script fails', async () => {
    const silent = createWorkerClient(fakeWorker(() => {}), 30);
    await expect(silent.call('status', {})).rejects.toMatchObject({ code: 'timeout', message: /within 30 ms/ });
    expect(silent.pending()).toBe(0);
    const broken = createWorkerClient(fakeWorker((_m, _r, fail) => fail('404')), 10_000);
    await expect(broken.call('status', {})).rejects.toMatchObject({ code: 'worker_unavailable', message: /404/ });
    await expect(broken.call('status', {})).rejects.toMatchObject({ code: 'worker_unavailable' });
  });
  it('rejects everything pending on terminate', async () => {
    const c = createWorkerClient(fakeWorker(() => {}));
    const p = c.call('status', {});
    c.terminate();
    await expect(p).rejects.toMatchObject({ code: 'worker_unavailable', message: /terminated/ });
  });
});
