/**
 * `npm run bench`: bundles the functions as deployed, times their cold imports against an empty handler,
 * weighs the built site's pages, and writes bench/report.json and bench/report.md.
 *
 * Options: --runs N (or BENCH_RUNS; default 15) fresh processes per function; --dist DIR (default site/dist);
 * --corpus I,S (default 1000,5000) initiatives and stories of the generated corpus, `--corpus 0` to skip;
 * --lighthouse 0 skips the Lighthouse runs; --webhooks N (or BENCH_WEBHOOKS; default 500) Stripe events per
 * webhook phase, `--webhooks 0` to skip; --adoptions N (or BENCH_ADOPTIONS; default 500) adoption attempts per
 * phase, `--adoptions 0` to skip; --account N (or BENCH_ACCOUNT; default 10000) gifts of the long-history donor
 * whose dashboard is timed against a one-gift donor's, `--account 0` to skip. Payout reconciliation (in
 * memory, 1k and 10k transactions) always runs.
 */
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_ACCOUNT_GIFTS, measureAccountApart, parseGiftCount } from "./account.ts";
import {
  DEFAULT_ADOPTION_ATTEMPTS,
  DEFAULT_ADOPTION_CONCURRENCY,
  measureAdoptionsApart,
  parseAttemptCount,
} from "./adoptions.ts";
import { BASELINE_NAME, type BundleResult, bundleHandlers, REPO_ROOT } from "./bundles.ts";
import { type ColdStartResult, DEFAULT_RUNS, measureColdStarts } from "./cold-start.ts";
import { buildCorpus, type CorpusSize } from "./corpus.ts";
import { lighthousePages, measureLighthouse } from "./lighthouse.ts";
import { measurePages } from "./page-weight.ts";
import { measureReconciliation, RECONCILIATION_SIZES } from "./reconciliation.ts";
import { type BenchReport, type FunctionFigures, machine, writeReports } from "./report.ts";
import {
  DEFAULT_WEBHOOK_CONCURRENCY,
  DEFAULT_WEBHOOK_EVENTS,
  measureWebhooksApart,
  parseEventCount,
} from "./webhooks.ts";

export interface BenchOptions {
  runs: number;
  distDir: string;
  corpus: CorpusSize | undefined;
  lighthouse: boolean;
  /** Stripe events per webhook phase; 0 skips the webhook measurement. */
  webhooks: number;
  /** Adoption attempts per phase; 0 skips the adoption measurement. */
  adoptions: number;
  /** Gifts of the long-history donor whose dashboard is timed; 0 skips the measurement. */
  account: number;
}

export const DEFAULT_CORPUS = "1000,5000";

function parseCorpus(text: string): CorpusSize | undefined {
  if (text === "0") return undefined;
  const [initiatives, stories] = text.split(",").map(Number);
  if (!Number.isInteger(initiatives) || !Number.isInteger(stories) || !initiatives || (stories ?? -1) < 0) {
    throw new Error(`--corpus must be "initiatives,stories" (e.g. 1000,5000) or 0, got "${text}"`);
  }
  return { initiatives, stories: stories as number };
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: "string" },
      dist: { type: "string" },
      corpus: { type: "string" },
      lighthouse: { type: "string" },
      webhooks: { type: "string" },
      adoptions: { type: "string" },
      account: { type: "string" },
    },
    strict: true,
  });
  const runsText = values.runs ?? env.BENCH_RUNS ?? String(DEFAULT_RUNS);
  const runs = Number(runsText);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs must be a positive integer, got "${runsText}"`);
  return {
    runs,
    distDir: resolve(REPO_ROOT, values.dist ?? "site/dist"),
    corpus: parseCorpus(values.corpus ?? env.BENCH_CORPUS ?? DEFAULT_CORPUS),
    lighthouse: (values.lighthouse ?? env.BENCH_LIGHTHOUSE ?? "1") !== "0",
    webhooks: parseEventCount(
      values.webhooks ?? env.BENCH_WEBHOOKS ?? String(DEFAULT_WEBHOOK_EVENTS),
      "--webhooks",
    ),
    adoptions: parseAttemptCount(
      values.adoptions ?? env.BENCH_ADOPTIONS ?? String(DEFAULT_ADOPTION_ATTEMPTS),
      "--adoptions",
    ),
    account: parseGiftCount(
      values.account ?? env.BENCH_ACCOUNT ?? String(DEFAULT_ACCOUNT_GIFTS),
      "--account",
    ),
  };
}

function figures(bundle: BundleResult, coldStart: ColdStartResult, baselineMs: number): FunctionFigures {
  return {
    name: bundle.name,
    description: bundle.description,
    entry: bundle.entry,
    bundle: bundle.bytes,
    coldImport: { medianMs: coldStart.medianMs, samplesMs: coldStart.samplesMs },
    ratioToBaseline: coldStart.medianMs / baselineMs,
    largestInputs: bundle.largestInputs,
  };
}

async function lighthouseLogged(log: (line: string) => void) {
  const pages = lighthousePages();
  log(`bench: Lighthouse on ${pages.join(", ")}`);
  return measureLighthouse(pages);
}

function measureWebhooksLogged(events: number, log: (line: string) => void) {
  log(`bench: ${events} Stripe events per webhook phase, ${DEFAULT_WEBHOOK_CONCURRENCY} in flight`);
  return measureWebhooksApart({ events, concurrency: DEFAULT_WEBHOOK_CONCURRENCY });
}

function measureAdoptionsLogged(attempts: number, log: (line: string) => void) {
  log(
    `bench: ${attempts} adoption attempts per phase, ${DEFAULT_ADOPTION_CONCURRENCY} in flight where not all at once`,
  );
  return measureAdoptionsApart({ attempts, concurrency: DEFAULT_ADOPTION_CONCURRENCY });
}

function buildCorpusLogged(size: CorpusSize, log: (line: string) => void) {
  log(`bench: building a corpus of ${size.initiatives} initiatives and ${size.stories} stories`);
  return buildCorpus(size);
}

export async function runBench(options: BenchOptions, log: (line: string) => void): Promise<BenchReport> {
  log("bench: bundling the functions");
  const bundles = await bundleHandlers();
  const all = [...bundles.functions, bundles.baseline];

  log(`bench: ${options.runs} cold imports per function`);
  const coldStarts = await measureColdStarts(all, options.runs, (round) =>
    log(`bench: round ${round}/${options.runs}`),
  );
  const byName = new Map(coldStarts.map((result) => [result.name, result]));
  const coldStartOf = (name: string) => {
    const result = byName.get(name);
    if (!result) throw new Error(`no cold-start figures for ${name}`);
    return result;
  };
  const baselineMs = coldStartOf(BASELINE_NAME).medianMs;
  const webhooks = options.webhooks > 0 ? await measureWebhooksLogged(options.webhooks, log) : undefined;
  const adoptions = options.adoptions > 0 ? await measureAdoptionsLogged(options.adoptions, log) : undefined;
  if (options.account > 0)
    log(`bench: the dashboard of a donor with 1 gift and of one with ${options.account}`);
  const account =
    options.account > 0 ? await measureAccountApart({ gifts: options.account, concurrency: 1 }) : undefined;
  log(`bench: reconciling payouts of ${RECONCILIATION_SIZES.join(" and ")} balance transactions in memory`);
  const reconciliation = measureReconciliation();

  const built = existsSync(options.distDir) && statSync(options.distDir).isDirectory();
  log(
    built ? `bench: weighing the pages in ${options.distDir}` : `bench: site not built (${options.distDir})`,
  );

  return {
    generatedAt: new Date().toISOString(),
    ...machine(),
    runs: options.runs,
    functions: bundles.functions.map((bundle) => figures(bundle, coldStartOf(bundle.name), baselineMs)),
    baseline: figures(bundles.baseline, coldStartOf(BASELINE_NAME), baselineMs),
    ...(webhooks ? { webhooks } : {}),
    ...(adoptions ? { adoptions } : {}),
    ...(account ? { account } : {}),
    reconciliation,
    site: { distDir: options.distDir, built },
    pages: built ? measurePages(options.distDir) : [],
    ...(built && options.lighthouse ? { lighthouse: await lighthouseLogged(log) } : {}),
    ...(options.corpus ? { corpus: buildCorpusLogged(options.corpus, log) } : {}),
  };
}

if (import.meta.main) {
  const options = parseOptions(process.argv.slice(2));
  const report = await runBench(options, (line) => console.error(line));
  const written = writeReports(report, import.meta.dirname);
  console.log(written.markdown);
  console.error(`bench: wrote ${written.md} and ${written.json}`);
}
