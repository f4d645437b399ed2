// The server-optimizer options `hearth serve` and `hearth simulate` share: one table, one parser.
import { numberOption } from './args';
import type { OptionTable, ParsedOptions } from './args';
import { CliError } from './cli-error';
import type { ServerOptimizerKind } from '../server/server-optimizer';

/** --server-optimizer, --server-beta1, --server-beta2, --server-tau (help text and defaults). */
export const SERVER_OPTIMIZER_OPTIONS: OptionTable = {
  'server-optimizer': { type: 'string', default: 'sgd', help: 'sgd, momentum or adam (FedAdam, Reddi et al. 2021): how the noised mean is applied; state kept per version' },
  'server-beta1': { type: 'string', default: '0.9', help: 'momentum / adam β1, in [0, 1)' },
  'server-beta2': { type: 'string', default: '0.99', help: 'adam β2, in [0, 1)' },
  'server-tau': { type: 'string', default: '1e-3', help: 'adam τ (> 0): w += lr·m / (√v + τ)' },
};

/** Reads those options; a bad value throws a CliError (exit 2) naming the option. */
export function serverOptimizerArgs(o: ParsedOptions): { serverOptimizer: ServerOptimizerKind; serverBeta1: number; serverBeta2: number; serverTau: number } {
  const kind = String(o['server-optimizer']);
  if (kind !== 'sgd' && kind !== 'momentum' && kind !== 'adam') throw new CliError(`--server-optimizer must be sgd, momentum or adam, got '${kind}'`, 2);
  return {
    serverOptimizer: kind,
    serverBeta1: numberOption(o, 'server-beta1', 0, 0.999999)!,
    serverBeta2: numberOption(o, 'server-beta2', 0, 0.999999)!,
    serverTau: numberOption(o, 'server-tau', 1e-12, 1e6)!,
  };
}
