import { choiceOption, formatHelp, intOption, parseOptions } from './args';
import type { OptionTable } from './args';
import { CliError } from './cli-error';
import { readDataset } from '../data/read-dataset';
import { leaveOneOut } from '../data/leave-one-out';
import { evaluate } from '../data/evaluate';
import type { NegativeSampling, Protocol } from '../data/evaluate';
import type { BatchScorer, CandidateScorer, EvalReport } from '../data/evaluate';
import { popularityCounts } from '../data/popularity';
import { DataError } from '../data/data-error';
import { startProgress } from './progress';
import { loadModelForCli } from './load-model-for-cli';

const USAGE = 'hearth eval --model DIR|pop --data FILE --protocol full|sampled100 [--stage test|valid] [--json]';
const OPTIONS: OptionTable = {
  model: { type: 'string', required: true, help: "a model directory written by `hearth train`, or 'pop' for the popularity baseline" },
  data: { type: 'string', required: true, help: 'dataset file (user item [item …] lines, or a JSONL event log)' },
  protocol: { type: 'string', default: 'full', help: 'full (all items) or sampled100 (100 sampled negatives)' },
  stage: { type: 'string', default: 'test', help: 'test (last item) or valid (second-last item)' },
  negatives: {
    type: 'string',
    default: 'unseen',
    help: "sampled100 negatives: unseen (DESIGN.md: 100 distinct items the user never interacted with) or sasrec-code (as kang205/SASRec's util.py: 100 draws with replacement, only training items excluded)",
  },
  seed: { type: 'string', default: '42', help: 'seed for the sampled100 user sample and negatives' },
  users: { type: 'string', help: 'evaluate a seeded sample of at most N users (default: all for full, 10000 for sampled100)' },
  json: { type: 'boolean', help: 'print one JSON object on the last line' },
};

/** `hearth eval`: leave-one-out evaluation of a trained model or the popularity baseline. */
export async function run(argv: string[]): Promise<number> {
  const o = parseOptions(argv, OPTIONS);
  if (!o) {
    process.stdout.write(formatHelp(USAGE, 'Evaluates on the leave-one-out split of DESIGN.md and prints HR/NDCG@10,20 and MRR.', OPTIONS));
    return 0;
  }
  const protocol = choiceOption<Protocol>(o, 'protocol', ['full', 'sampled100']);
  const stage = choiceOption(o, 'stage', ['test', 'valid']);
  const negatives = choiceOption<NegativeSampling>(o, 'negatives', ['unseen', 'sasrec-code']);
  if (negatives !== 'unseen' && protocol !== 'sampled100') throw new CliError(`--negatives ${negatives} applies to --protocol sampled100 only`, 2);
  const seed = Number(o.seed);
  if (!Number.isInteger(seed)) throw new CliError(`--seed must be an integer, got '${String(o.seed)}'`, 2);
  const maxUsers = intOption(o, 'users', 1, 1e9);
  const modelArg = String(o.model);
  const report = await withDataErrors(async () => {
    const loaded = modelArg === 'pop' ? undefined : await loadModelForCli(modelArg);
    const ds = readDataset(String(o.data), loaded?.manifest.items);
    const split = leaveOneOut(ds);
    if (split.users.length === 0) throw new CliError(`${String(o.data)}: no user has the 3 interactions leave-one-out needs`);
    let scorer: BatchScorer;
    let scoreCandidates: CandidateScorer | undefined;
    if (loaded) {
      scoreCandidates = (h, c) => loaded.model.scoreCandidates(h, c);
      scorer = (h) => loaded.model.scoreBatch(h);
    } else {
      const counts = popularityCounts(split, stage);
      scorer = (h) => h.map(() => counts);
    }
    const bar = startProgress('eval', split.users.length);
    try {
      return await evaluate(split, scorer, {
        protocol,
        stage,
        seed,
        negatives,
        scoreCandidates,
        ...(maxUsers !== undefined ? { maxUsers } : {}),
        onProgress: (d, t) => bar.update(d, { total: t }),
      });
    } finally {
      bar.stop();
      loaded?.model.dispose();
    }
  });
  printReport(report, modelArg, Boolean(o.json));
  return 0;
}

function printReport(r: EvalReport, model: string, json: boolean): void {
  const f = (x: number) => x.toFixed(4);
  process.stdout.write(
    `${model} ${r.protocol} (${r.stage}, ${r.users} users${r.negatives ? `, ${r.negatives} negatives` : ''}): HR@10 ${f(r['hr@10'])}  NDCG@10 ${f(r['ndcg@10'])}  ` +
      `HR@20 ${f(r['hr@20'])}  NDCG@20 ${f(r['ndcg@20'])}  MRR ${f(r.mrr)}\n`,
  );
  if (json) process.stdout.write(`${JSON.stringify({ model, ...r })}\n`);
}

/** Turns data and artifact errors into CliErrors so the user sees one clear line. */
export async function withDataErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DataError) throw new CliError(err.message);
    throw err;
  }
}
