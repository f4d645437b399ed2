import type { WorkerRequest, WorkerRequestType, WorkerResponse, WorkerResults } from '../protocol';
import { RecommendError } from '../recommend/recommend-error';

/** The part of a Worker the client needs (a real Worker, or anything that talks the protocol). */
export interface WorkerLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (ev: Event) => void): void;
  terminate(): void;
}

/** A request's fields besides its id (assigned by the client) and type. */
export type RequestFields<T extends WorkerRequestType> = Omit<Extract<WorkerRequest, { type: T }>, 'id' | 'type'>;

/** Typed RPC to the worker: one promise per request, settled by the answer or the timeout. */
export interface WorkerClient {
  call<T extends WorkerRequestType>(type: T, fields: RequestFields<T>, timeoutMs?: number): Promise<WorkerResults[T]>;
  /** Requests still waiting for an answer. */
  pending(): number;
  /** Stops the worker; everything pending rejects. */
  terminate(): void;
}

/**
 * Wraps a worker in request ids and timeouts. Every call settles: with the worker's result, with
 * its error as a RecommendError (same code and message), with a `timeout` RecommendError after
 * `timeoutMs`, or with `worker_unavailable` when the worker script fails or was terminated.
 */
export function createWorkerClient(worker: WorkerLike, defaultTimeoutMs = 10_000): WorkerClient {
  let nextId = 1;
  let dead: RecommendError | null = null;
  const waiting = new Map<number, { ok: (v: never) => void; fail: (e: Error) => void; timer: ReturnType<typeof setTimeout> }>();

  const failAll = (err: RecommendError) => {
    dead = err;
    for (const w of waiting.values()) { clearTimeout(w.timer); w.fail(err); }
    waiting.clear();
  };
  worker.addEventListener('message', (ev) => {
    const msg = (ev as MessageEvent<WorkerResponse>).data;
    const w = msg && typeof msg.id === 'number' ? waiting.get(msg.id) : undefined;
    if (!w) return;
    waiting.delete(msg.id);
    clearTimeout(w.timer);
    if (msg.ok) w.ok(msg.result as never);
    else w.fail(new RecommendError(msg.error?.code ?? 'internal', msg.error?.message ?? 'the worker failed'));
  });
  worker.addEventListener('error', (ev) => {
    // A failing worker script (404, syntax error) never answers: settle everything now.
    (ev as Event).preventDefault?.();
    const why = (ev as ErrorEvent).message || 'the worker script could not be loaded';
    failAll(new RecommendError('worker_unavailable', `recommendation worker failed: ${why}`));
  });

  return {
    call(type, fields, timeoutMs = defaultTimeoutMs) {
      if (dead) return Promise.reject(dead);
      const id = nextId++;
      return new Promise((ok, fail) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          fail(new RecommendError('timeout', `${type} got no answer from the worker within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(id, { ok: ok as (v: never) => void, fail, timer });
        try {
          worker.postMessage({ ...fields, type, id });
        } catch (e) {
          clearTimeout(timer);
          waiting.delete(id);
          fail(new RecommendError('invalid_argument', `${type}: the request cannot be sent to the worker (${(e as Error).message})`));
        }
      });
    },
    pending: () => waiting.size,
    terminate() {
      worker.terminate();
      failAll(new RecommendError('worker_unavailable', 'the recommendation worker was terminated'));
    },
  };
}
