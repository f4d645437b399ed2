// Trains the demo model with `hearth train` on the generated data, only when its inputs (the
// data, the training settings or the trainer itself) changed since the cached model was made.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Short, seeded training: the demo model must be ready well under a minute on two cores. A
 * small model (dim 32, one block, histories of 20, batches of 64) with a high learning rate
 * gets valid NDCG@10 ≈ 0.25 on the demo shoppers in 5 epochs (~10 s of CPU).
 */
export const TRAIN_SETTINGS = Object.freeze({ epochs: 5, seed: 42, dim: 32, blocks: 1, maxLen: 20, lr: 0.005, batchSize: 64, evalEvery: 5, validUsers: 300 });

/**
 * Ensures a trained model in `modelDir`. Promises: resolves `{ status: 'cached' | 'trained' }`
 * with the model in place, `{ status: 'stale', reason }` when retraining failed but the previous
 * model is still there, or `{ status: 'unavailable', reason }` when there is no model (the demo
 * then runs on the popularity fallback); never rejects. The model directory is replaced in one
 * rename, so a concurrent reader never sees a half-written model.
 * @param {{ root: string, modelDir: string, data: { files: { interactions: string, attributes: string }, hash: string }, force?: boolean, log?: (line: string) => void, signal?: AbortSignal }} opts
 */
export async function ensureDemoModel({ root, modelDir, data, force = false, log = () => {}, signal }) {
  const cli = join(root, 'dist/node/cli.js');
  if (!existsSync(cli)) return { status: 'unavailable', reason: 'the hearth CLI is not built (dist/node/cli.js missing)' };
  const stampFile = join(modelDir, '.demo-inputs');
  // The built trainer is what trains, so its bytes (not the sources) are part of the inputs.
  const stamp = createHash('sha256').update(data.hash).update(JSON.stringify(TRAIN_SETTINGS)).update(readFileSync(cli)).digest('hex');
  const haveModel = existsSync(join(modelDir, 'manifest.json'));
  if (!force && haveModel && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return { status: 'cached' };
  const partial = `${modelDir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  log(`training the demo model (${TRAIN_SETTINGS.epochs} epochs, seed ${TRAIN_SETTINGS.seed})…`);
  const started = Date.now();
  let code = await train(root, data.files, partial, signal, true);
  if (code !== 0 && !signal?.aborted) {
    // Attributes are an extra the model can do without: one failing must not cost the demo its model.
    log(`hearth train --attributes failed (exit ${code}); training again without attributes`);
    rmSync(partial, { recursive: true, force: true });
    code = await train(root, data.files, partial, signal, false);
  }
  if (code !== 0 || !existsSync(join(partial, 'manifest.json'))) {
    rmSync(partial, { recursive: true, force: true });
    const reason = `hearth train exited with code ${code}`;
    return haveModel ? { status: 'stale', reason } : { status: 'unavailable', reason };
  }
  writeFileSync(join(partial, '.demo-inputs'), stamp);
  const old = `${modelDir}.old-${process.pid}`;
  if (existsSync(modelDir)) renameSync(modelDir, old);
  renameSync(partial, modelDir);
  rmSync(old, { recursive: true, force: true });
  log(`demo model trained in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { status: 'trained' };
}

/** Runs `hearth train` into `out`; resolves its exit code (-1 when it could not run or was stopped). */
function train(root, files, out, signal, withAttributes) {
  const t = TRAIN_SETTINGS;
  const args = [join(root, 'bin/hearth.js'), 'train', '--data', files.interactions, ...(withAttributes ? ['--attributes', files.attributes] : []),
    '--out', out, '--epochs', t.epochs, '--seed', t.seed, '--dim', t.dim, '--blocks', t.blocks, '--max-len', t.maxLen,
    '--lr', t.lr, '--batch-size', t.batchSize, '--eval-every', t.evalEvery, '--valid-users', t.validUsers].map(String);
  return new Promise((done) => {
    // stderr passes through so the trainer's progress shows; `signal` (Ctrl-C) stops it too.
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], signal });
    child.on('error', () => done(-1));
    child.on('exit', (c) => done(c ?? -1));
  });
}
