/**
 * The bench report: report.json (every figure, machine-readable) and report.md (tables for people).
 * The markdown is a list of sections; a later issue adds its figures by adding a field to BenchReport and
 * a section to reportSections().
 */
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import type { AccountFigures } from "./account.ts";
import { accountSection } from "./account-section.ts";
import { adoptionsSection } from "./adoption-section.ts";
import type { AdoptionFigures } from "./adoptions.ts";
import type { CorpusFigures } from "./corpus.ts";
import type { LighthouseFigures } from "./lighthouse.ts";
import { formatKb, formatMs, formatRatio, renderSection, type Section } from "./markdown.ts";
import type { PageWeight } from "./page-weight.ts";
import type { ReconciliationFigures } from "./reconciliation.ts";
import { reconciliationSection } from "./reconciliation-section.ts";
import { signInSection } from "./signin-section.ts";
import type { Bytes } from "./stats.ts";
import type { WebhookFigures } from "./webhooks.ts";

export { accountSection } from "./account-section.ts";
export { adoptionsSection } from "./adoption-section.ts";
export {
  formatKb,
  formatMs,
  formatRatio,
  renderSection,
  renderTable,
  type Section,
  type Table,
} from "./markdown.ts";
export { reconciliationSection } from "./reconciliation-section.ts";
export { signInSection } from "./signin-section.ts";

export interface FunctionFigures {
  name: string;
  description: string;
  /** Source entry point, relative to the repository root. */
  entry: string;
  /** The minified ESM bundle as deployed (no source map). */
  bundle: Bytes;
  coldImport: { medianMs: number; samplesMs: number[] };
  /** Median cold import time divided by the empty handler's (1 for the baseline itself). */
  ratioToBaseline: number;
  /** npm packages (or "(project)") contributing most to the bundle, bytes in the minified output. */
  largestInputs: { name: string; bytes: number }[];
}

export interface BenchReport {
  generatedAt: string;
  node: string;
  platform: string;
  arch: string;
  cpu: string;
  /** Fresh processes per function for the cold import medians. */
  runs: number;
  functions: FunctionFigures[];
  baseline: FunctionFigures;
  site: { distDir: string; built: boolean };
  pages: PageWeight[];
  /** Build of a generated corpus; absent when skipped (`--corpus 0`). */
  corpus?: CorpusFigures;
  /** Lighthouse scores; absent when skipped (`--lighthouse 0`). */
  lighthouse?: LighthouseFigures[];
  /** Stripe webhook throughput on DynamoDB Local; absent when skipped (`--webhooks 0`). */
  webhooks?: WebhookFigures;
  /** Adoption checkouts under contention on DynamoDB Local; absent when skipped (`--adoptions 0`). */
  adoptions?: AdoptionFigures;
  /** The donor dashboard with a short and a long history; absent when skipped (`--account 0`). */
  account?: AccountFigures;
  /** In-memory payout reconciliation at 1k and 10k transactions, against a plain pass. */
  reconciliation?: ReconciliationFigures;
}

export function machine(): Pick<BenchReport, "node" | "platform" | "arch" | "cpu"> {
  return {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpu: `${cpus()[0]?.model.trim() ?? "unknown"} (${cpus().length} cores)`,
  };
}

function rawAndBrotli(bytes: Bytes): string {
  return `${formatKb(bytes.raw)} / ${formatKb(bytes.brotli)}`;
}

export function functionsSection(report: Pick<BenchReport, "functions" | "baseline" | "runs">): Section {
  const row = (figures: FunctionFigures, label: string) => [
    label,
    formatKb(figures.bundle.raw),
    formatKb(figures.bundle.brotli),
    formatMs(figures.coldImport.medianMs),
    formatRatio(figures.ratioToBaseline),
  ];
  return {
    title: "Functions",
    intro: [
      `Each handler group bundled with the deployment settings (infra/lambda-bundling.ts: minified ESM, ` +
        `everything bundled). Cold import: median of ${report.runs} fresh Node processes per function, each ` +
        "timing `await import()` of the bundle, interleaved with an empty handler bundled the same way. " +
        "The ratio to the empty handler is the figure to compare between runs and machines.",
    ],
    table: {
      headers: ["group", "bundle KB raw", "brotli KB", "median cold import ms", "× empty handler"],
      align: ["left", "right", "right", "right", "right"],
      rows: [
        ...report.functions.map((figures) => row(figures, figures.name)),
        row(report.baseline, `${report.baseline.name} (baseline)`),
      ],
    },
    notes: [
      "Largest contributors to each bundle (KB of minified output):",
      report.functions
        .map(
          (figures) =>
            `- ${figures.name}: ` +
            figures.largestInputs.map((input) => `${input.name} ${formatKb(input.bytes)}`).join(", "),
        )
        .join("\n"),
    ],
  };
}

export function pagesSection(report: Pick<BenchReport, "pages" | "site">): Section {
  if (!report.site.built)
    return { title: "Pages", intro: [`Site not built (no ${report.site.distDir}); run \`npm run build\`.`] };
  const missing = report.pages.flatMap((page) => page.missing.map((url) => `${page.page}: ${url}`));
  return {
    title: "Pages",
    intro: [
      "Bytes each built page loads, in KB, raw / brotli (quality 11, each file compressed on its own). " +
        "HTML includes inline `<style>` and `<script>`; CSS is linked stylesheets; JS is module scripts, " +
        "modulepreloads and Astro island modules with their static imports; fonts are preloaded fonts and " +
        "the first font file of each @font-face the CSS references. Every file counts once per page.",
    ],
    table: {
      headers: ["page", "HTML", "CSS", "JS", "fonts", "total"],
      align: ["left", "right", "right", "right", "right", "right"],
      rows: report.pages.map((page) => [
        page.page,
        rawAndBrotli(page.html),
        rawAndBrotli(page.css),
        rawAndBrotli(page.js),
        rawAndBrotli(page.fonts),
        rawAndBrotli(page.total),
      ]),
    },
    notes: missing.length > 0 ? [`Referenced but not found in the build: ${missing.join(", ")}.`] : [],
  };
}

export function corpusSection(report: Pick<BenchReport, "corpus">): Section {
  const corpus = report.corpus;
  if (!corpus) return { title: "Build at scale", intro: ["Skipped (`--corpus 0`)."] };
  return {
    title: "Build at scale",
    intro: [
      `The site built from a generated corpus of ${corpus.initiatives} initiatives and ${corpus.stories} stories ` +
        "(a quarter of them in Arabic only), with the real council and charities.",
    ],
    table: {
      headers: ["initiatives", "stories", "HTML pages", "build s", "output MB", "files"],
      align: ["right", "right", "right", "right", "right", "right"],
      rows: [
        [
          String(corpus.initiatives),
          String(corpus.stories),
          String(corpus.pages),
          corpus.buildSeconds.toFixed(1),
          (corpus.outputBytes / 1024 / 1024).toFixed(1),
          String(corpus.outputFiles),
        ],
      ],
    },
  };
}

export function lighthouseSection(report: Pick<BenchReport, "lighthouse">): Section {
  if (!report.lighthouse) return { title: "Lighthouse", intro: ["Skipped (`--lighthouse 0`)."] };
  const failing = report.lighthouse.filter((entry) => entry.failing.length > 0);
  return {
    title: "Lighthouse",
    intro: [
      "Lighthouse (mobile, simulated throttling) in Debian's Chromium against the product as `npm start` " +
        "serves it. Goals: performance at least 98; accessibility, best practices and SEO 100.",
    ],
    table: {
      headers: ["page", "performance", "accessibility", "best practices", "SEO"],
      align: ["left", "right", "right", "right", "right"],
      rows: report.lighthouse.map((entry) => [
        entry.page,
        String(entry.scores.performance),
        String(entry.scores.accessibility),
        String(entry.scores["best-practices"]),
        String(entry.scores.seo),
      ]),
    },
    notes: failing.map((entry) => `Failing audits on ${entry.page}: ${entry.failing.join(", ")}.`),
  };
}

export function webhooksSection(report: Pick<BenchReport, "webhooks">): Section {
  const webhooks = report.webhooks;
  if (!webhooks) return { title: "Webhooks", intro: ["Skipped (`--webhooks 0`)."] };
  const { checks, receiptsWaiting, burst } = webhooks;
  return {
    title: "Webhooks",
    intro: [
      `Stripe events delivered to \`POST /api/stripe/webhook\` of the local stack, ${webhooks.concurrency} in ` +
        `flight, ${webhooks.events} per phase, on DynamoDB Local on this machine, with the load, the server ` +
        "and the receipt worker in a single Node process: the absolute figures are a floor for Lambda and " +
        "DynamoDB, while the DynamoDB calls per event (from `x-athar-dynamodb-calls`) are exact. Duplicates " +
        "are the new payments' events delivered again; refunds are partial, listed in `charge.refunded`; " +
        "monthly payments are `invoice.paid`, which also links the subscription.",
    ],
    table: {
      headers: ["phase", "events", "events/s", "calls per event mean", "max", "p50 ms", "p95 ms"],
      align: ["left", "right", "right", "right", "right", "right", "right"],
      rows: webhooks.phases.map((phase) => [
        phase.phase,
        String(phase.events),
        phase.perSecond.toFixed(1),
        phase.dynamodbCalls ? phase.dynamodbCalls.mean.toFixed(2) : "–",
        phase.dynamodbCalls ? String(phase.dynamodbCalls.max) : "–",
        formatMs(phase.latency.p50Ms),
        formatMs(phase.latency.p95Ms),
      ]),
    },
    notes: [
      `Receipt worker: the ${receiptsWaiting.join(" and ")} receipts not yet e-mailed when the new and the ` +
        "monthly payments ended, timed until the stream was drained and every receipt issued and e-mailed; " +
        "its latencies run from a payment's answer to its receipt's e-mail, over all receipts.",
      `At once: ${burst.events} new payments delivered at the same moment, ${burst.takenFirstTime} ` +
        `(${((100 * burst.takenFirstTime) / burst.events).toFixed(0)} %) taken at the first delivery, the rest ` +
        `on Stripe's redelivery (at most ${burst.mostAttempts} attempts), ${burst.wallSeconds.toFixed(1)} s in all; ` +
        "first deliveries fail when DynamoDB Local times out on a lock, more often the busier the machine.",
      `Checked: every answer 200 with the expected outcome, ${checks.ledgerEntries} ledger entries, ` +
        `${checks.receipts} receipts each e-mailed once, and \`GET /api/stats\` raised ` +
        `SAR ${(checks.raisedSar / 100).toFixed(2)} from ${checks.payments} payments: payments minus refunds, exactly.`,
    ],
  };
}

/** The report's sections, in order. Later issues append theirs here. */
export function reportSections(report: BenchReport): Section[] {
  return [
    functionsSection(report),
    webhooksSection(report),
    adoptionsSection(report),
    accountSection(report),
    signInSection(report),
    reconciliationSection(report),
    pagesSection(report),
    lighthouseSection(report),
    corpusSection(report),
  ];
}

export function renderMarkdown(report: BenchReport, sections: Section[] = reportSections(report)): string {
  const header = [
    "# Athar bench",
    `Generated ${report.generatedAt} on ${report.cpu}, Node ${report.node} (${report.platform}/${report.arch}). ` +
      "Run with `npm run bench`; KB are 1024 bytes.",
  ];
  return `${[...header, ...sections.map(renderSection)].join("\n\n")}\n`;
}

/** Writes report.json and report.md into dir; returns the markdown. */
export function writeReports(
  report: BenchReport,
  dir: string,
): { json: string; markdown: string; md: string } {
  const json = join(dir, "report.json");
  const md = join(dir, "report.md");
  const markdown = renderMarkdown(report);
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(md, markdown);
  return { json, md, markdown };
}
