// The recommendation Web Worker (bundled to dist/hearth-worker.js): answers each protocol
// request exactly once, with a result or an error object — never an uncaught exception.
import './tf-backends';
import type { WorkerErrorCode, WorkerRequest, WorkerResponse } from '../protocol';
import { createRecommenderEngine } from './recommender-engine';

const engine = createRecommenderEngine();
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (ev: MessageEvent<WorkerRequest>) => {
  const req = ev.data;
  if (!req || typeof req !== 'object' || typeof req.id !== 'number') return;
  let answer: WorkerResponse;
  try {
    answer = { id: req.id, ok: true, result: await engine.handle(req) };
  } catch (e) {
    const code = ((e as { code?: WorkerErrorCode })?.code ?? 'internal') as WorkerErrorCode;
    answer = { id: req.id, ok: false, error: { code, message: (e as Error)?.message ?? String(e) } };
  }
  scope.postMessage(answer);
};
