// Node only: `hearth propensity train|eval` — the purchase-propensity model, trained offline.
import { readFileSync, writeFileSync } from 'node:fs';
import { formatHelp, intOption, parseOptions, type OptionTable } from '../cli/args';
import { CliError } from '../cli/cli-error';
import { startProgress } from '../cli/progress';
import { createRng } from '../data/rng';
import { classificationReport, type ClassificationReport } from './classification-metrics';
import { parseEventLog, type LoggedEvent } from './event-log';
import { trainLogistic } from './logistic-regression';
import { PROPENSITY_FEATURES } from './propensity-features';
import { predictPropensity, validatePropensityModel, type PropensityModel } from './propensity-model';
import { syntheticShoppers } from './synthetic-shoppers';
import { buildExamples, type Examples } from './training-examples';

const TRAIN_USAGE = 'hearth propensity train (--data FILE.jsonl | --synthetic USERS) --out FILE.json [--seed S] [--epochs N] [--json]';
const TRAIN_OPTIONS: OptionTable = {
  data: { type: 'string', help: 'JSONL event log: {user, item, ts, type[, category]} per line' },
  synthetic: { type: 'string', help: 'train on this many synthetic shoppers instead of --data' },
  out: { type: 'string', required: true, help: 'where to write the model JSON (serve it as recommend.propensityUrl)' },
  seed: { type: 'string', default: '42', help: 'seed for the user split (and synthetic shoppers)' },
  epochs: { type: 'string', default: '400', help: 'gradient-descent epochs' },
  json: { type: 'boolean', help: 'print one JSON object (metrics) on the last line' },
};
const EVAL_USAGE = 'hearth propensity eval --model FILE.json (--data FILE.jsonl | --synthetic USERS) [--seed S] [--json]';
const EVAL_OPTIONS: OptionTable = {
  model: { type: 'string', required: true, help: 'a model JSON written by `hearth propensity train`' },
  data: { type: 'string', help: 'JSONL event log to evaluate on' },
  synthetic: { type: 'string', help: 'evaluate on this many synthetic shoppers' },
  seed: { type: 'string', default: '43', help: 'seed for synthetic shoppers' },
  json: { type: 'boolean', help: 'print one JSON object (metrics) on the last line' },
};
const TOP = `Usage: hearth propensity <train|eval> [options]\n\nPurchase propensity: logistic regression over standardised on-device features.\n  train   fit on an event log (80/20 user split) and report held-out AUC, accuracy, confusion, calibration\n  eval    score a trained model on another log\n`;

/** Runs `hearth propensity …`; resolves to the exit status. Bad input → CliError. */
export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h') { process.stdout.write(TOP); return sub === undefined ? 2 : 0; }
  if (sub === 'train') return train(rest);
  if (sub === 'eval') return evaluate(rest);
  throw new CliError(`unknown subcommand '${sub}' (train or eval; see --help)`, 2);
}

function loadUsers(o: Record<string, string | boolean | undefined>, seed: number): Map<string, LoggedEvent[]> {
  if (Boolean(o.data) === Boolean(o.synthetic)) throw new CliError('give exactly one of --data FILE or --synthetic USERS', 2);
  if (o.synthetic) return syntheticShoppers(intOption(o, 'synthetic', 10, 1_000_000)!, seed);
  const path = String(o.data);
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) { throw new CliError(`${path}: cannot read (${(e as Error).message})`); }
  try { return parseEventLog(text, path); } catch (e) { throw new CliError((e as Error).message); }
}

async function train(argv: string[]): Promise<number> {
  const o = parseOptions(argv, TRAIN_OPTIONS);
  if (!o) { process.stdout.write(formatHelp(TRAIN_USAGE, 'Trains the purchase-propensity model and reports held-out metrics.', TRAIN_OPTIONS)); return 0; }
  const seed = intOption(o, 'seed', 0, 2 ** 31)!;
  const epochs = intOption(o, 'epochs', 1, 100_000)!;
  const users = loadUsers(o, seed);
  const all = buildExamples(users);
  if (all.y.length < 20) throw new CliError(`only ${all.y.length} product views in the data; need at least 20 to train`);
  // Split by user so no shopper is on both sides.
  const rng = createRng(seed);
  const testUsers = new Set([...users.keys()].filter(() => rng.next() < 0.2));
  const pick = (test: boolean): Examples => {
    const e: Examples = { x: [], y: [], users: [] };
    all.users.forEach((u, i) => { if (testUsers.has(u) === test) { e.x.push(all.x[i]!); e.y.push(all.y[i]!); e.users.push(u); } });
    return e;
  };
  const tr = pick(false), te = pick(true);
  if (new Set(tr.y).size < 2) throw new CliError('the training split has only one class (no purchases, or only purchases): cannot learn a propensity');
  const bar = startProgress('propensity', 1);
  const fit = trainLogistic(tr.x, tr.y, { epochs });
  bar.update(1);
  bar.stop();
  const model: PropensityModel = {
    format: 'hearth-propensity',
    version: `prop-${Date.now().toString(36)}`,
    featureNames: [...PROPENSITY_FEATURES],
    mean: fit.mean, std: fit.std, weights: fit.weights, bias: fit.bias,
    metrics: {},
  };
  const report = score(model, te.x.length ? te : tr);
  model.metrics = { trainRows: tr.y.length, testRows: te.y.length, auc: report.auc, accuracy: report.accuracy, ece: report.ece };
  try { writeFileSync(String(o.out), JSON.stringify(model, null, 1)); } catch (e) { throw new CliError(`${String(o.out)}: cannot write (${(e as Error).message})`); }
  print(report, Boolean(o.json), `trained on ${tr.y.length} views (${users.size} users); held-out ${te.y.length} views → ${String(o.out)}`);
  return 0;
}

async function evaluate(argv: string[]): Promise<number> {
  const o = parseOptions(argv, EVAL_OPTIONS);
  if (!o) { process.stdout.write(formatHelp(EVAL_USAGE, 'Scores a propensity model on an event log.', EVAL_OPTIONS)); return 0; }
  let model: PropensityModel;
  try { model = validatePropensityModel(JSON.parse(readFileSync(String(o.model), 'utf8'))); } catch (e) { throw new CliError(`${String(o.model)}: ${(e as Error).message}`); }
  const ex = buildExamples(loadUsers(o, intOption(o, 'seed', 0, 2 ** 31)!));
  if (ex.y.length === 0) throw new CliError('no product views to evaluate on');
  print(score(model, ex), Boolean(o.json), `${ex.y.length} views`);
  return 0;
}

function score(model: PropensityModel, ex: Examples): ClassificationReport {
  const p = ex.x.map((row) => predictPropensity(model, Object.fromEntries(PROPENSITY_FEATURES.map((k, j) => [k, row[j]!]))));
  return classificationReport(p, ex.y);
}

function print(r: ClassificationReport, json: boolean, what: string): void {
  const c = r.confusion;
  process.stdout.write(
    `${what}\nAUC ${r.auc.toFixed(4)}  accuracy ${r.accuracy.toFixed(4)} (base rate ${r.positiveRate.toFixed(4)})  log-loss ${r.logLoss.toFixed(4)}  ECE ${r.ece.toFixed(4)}\n` +
      `confusion @0.5: TP ${c.tp}  FP ${c.fp}  TN ${c.tn}  FN ${c.fn}\ncalibration: ${r.calibration.map((b) => `${b.bin}: ${b.predicted.toFixed(2)}→${b.observed.toFixed(2)} (n=${b.n})`).join('; ')}\n`,
  );
  if (json) process.stdout.write(`${JSON.stringify(r)}\n`);
}
