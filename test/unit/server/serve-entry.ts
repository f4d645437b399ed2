// Runs the real `hearth` CLI dispatcher from source (spawned by tests via `node --import tsx`).
import { main } from '../../../src/cli/main';

process.exitCode = await main(process.argv.slice(2));
