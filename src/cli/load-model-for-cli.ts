import { loadModel } from '../model/artifacts';
import { readModelDir } from '../model/node-io';
import { ArtifactError } from '../model/artifact-error';
import type { ModelManifest } from '../model/model-manifest';
import type { SasRec } from '../model/sasrec';
import { CliError } from './cli-error';
import { useWasmBackend } from './tf-backend';

/** Loads and verifies a model directory on the WASM backend; artifact problems become CliErrors. */
export async function loadModelForCli(dir: string): Promise<{ model: SasRec; manifest: ModelManifest }> {
  await useWasmBackend();
  try {
    return await loadModel(readModelDir(dir));
  } catch (err) {
    if (err instanceof ArtifactError) throw new CliError(`model ${dir}: ${err.message}`);
    throw err;
  }
}
