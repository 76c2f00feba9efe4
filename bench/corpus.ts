/**
 * Build scale: generates a corpus of initiatives and stories (valid against content/'s schemas, reusing
 * the real council, charities and images), builds the site from it into a temporary folder, and reports
 * the build time and output size.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { CONTENT_DIR, loadContent } from "../content/load.ts";
import { INITIATIVE_CATEGORIES } from "../content/schema.ts";
import { REPO_ROOT } from "./bundles.ts";

export interface CorpusSize {
  initiatives: number;
  stories: number;
}

export interface CorpusFigures extends CorpusSize {
  pages: number;
  buildSeconds: number;
  outputBytes: number;
  outputFiles: number;
}

const FUNDING = [
  { model: "open", goal: 50_000_000 },
  { model: "units", unitPrice: 30_000, unitsTotal: 500, interval: "month" },
  { model: "units", unitPrice: 250_000, unitsTotal: 200, interval: "once" },
  { model: "whole", amount: 12_000_000 },
] as const;

const paragraph = (locale: "ar" | "en", n: number) =>
  locale === "ar"
    ? `## الفقرة ${n}\n\nتعمل الجمعيات الأعضاء معاً في هذه المبادرة، وتنشر كل ربع سنة ما تحقق بالأرقام.\n\n- كفالة شهرية\n- تدريب ومتابعة\n`
    : `## Part ${n}\n\nThe member charities work on this initiative together and publish what it achieved every quarter.\n\n- Monthly sponsorship\n- Training and follow-up\n`;

/** Writes a corpus under a new temporary content folder and returns its path. */
export function generateCorpus(size: CorpusSize): string {
  const dir = mkdtempSync(join(tmpdir(), "athar-corpus-"));
  const real = loadContent();
  cpSync(join(CONTENT_DIR, "council.yaml"), join(dir, "council.yaml"));
  cpSync(join(CONTENT_DIR, "charities"), join(dir, "charities"), { recursive: true });
  const template = real.initiatives[0];
  if (!template) throw new Error("content/ has no initiative to model the corpus on");
  const charityIds = real.charities.map((charity) => charity.id);
  const ids: string[] = [];
  for (let i = 0; i < size.initiatives; i++) {
    const id = `corpus-initiative-${i}`;
    ids.push(id);
    const folder = join(dir, "initiatives", id);
    mkdirSync(folder, { recursive: true });
    const funding = FUNDING[i % FUNDING.length] ?? FUNDING[0];
    const { id: _id, ...rest } = template;
    writeFileSync(
      join(folder, "initiative.yaml"),
      stringify({
        ...rest,
        title: { ar: `${template.title.ar} ${i}`, en: `${template.title.en} ${i}` },
        category: INITIATIVE_CATEGORIES[i % INITIATIVE_CATEGORIES.length],
        region: i % 3 === 0 ? template.region : { ar: `منطقة ${i % 13}`, en: `Region ${i % 13}` },
        charities: [charityIds[i % charityIds.length]],
        funding,
        status: i % 10 === 9 ? "closed" : "open",
        featured: i < 3,
        suggestedAmounts: funding.model === "open" ? [5000, 10000, 30000] : undefined,
      }),
    );
    for (const locale of ["ar", "en"] as const) {
      writeFileSync(join(folder, `${locale}.md`), [1, 2, 3].map((n) => paragraph(locale, n)).join("\n"));
    }
  }
  const metric = template.metrics[0]?.id;
  for (let i = 0; i < size.stories; i++) {
    const folder = join(dir, "stories", `corpus-story-${i}`);
    mkdirSync(folder, { recursive: true });
    const bilingual = i % 4 !== 0;
    const day = String((i % 28) + 1).padStart(2, "0");
    writeFileSync(
      join(folder, "story.yaml"),
      stringify({
        initiative: ids[i % ids.length],
        publishDate: `2026-${String((i % 11) + 1).padStart(2, "0")}-${day}`,
        title: bilingual ? { ar: `قصة أثر ${i}`, en: `Impact story ${i}` } : { ar: `قصة أثر ${i}` },
        summary: bilingual
          ? { ar: "ما تحقق هذا الشهر.", en: "What was achieved this month." }
          : { ar: "ما تحقق هذا الشهر." },
        metrics: metric ? [{ metric, value: i % 50 }] : [],
        people: { identifiable: false },
      }),
    );
    writeFileSync(join(folder, "ar.md"), paragraph("ar", i));
    if (bilingual) writeFileSync(join(folder, "en.md"), paragraph("en", i));
  }
  return dir;
}

function folderSize(dir: string): { bytes: number; files: number; pages: number } {
  let bytes = 0;
  let files = 0;
  let pages = 0;
  for (const name of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    const stat = statSync(join(dir, name));
    if (!stat.isFile()) continue;
    bytes += stat.size;
    files += 1;
    if (name.endsWith(".html")) pages += 1;
  }
  return { bytes, files, pages };
}

/** Builds the site from a generated corpus; the repository's own build output is left alone. */
export function buildCorpus(size: CorpusSize): CorpusFigures {
  const contentDir = generateCorpus(size);
  const outDir = mkdtempSync(join(tmpdir(), "athar-corpus-dist-"));
  try {
    const started = performance.now();
    const result = spawnSync(
      process.execPath,
      [
        join(REPO_ROOT, "node_modules/astro/bin/astro.mjs"),
        "build",
        "--root",
        "site",
        "--outDir",
        outDir,
        "--silent",
      ],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, ATHAR_CONTENT_DIR: contentDir },
        encoding: "utf8",
        maxBuffer: 1 << 28,
      },
    );
    const buildSeconds = (performance.now() - started) / 1000;
    if (result.status !== 0)
      throw new Error(`corpus build failed (${result.status}):\n${result.stderr.slice(-4000)}`);
    const output = folderSize(outDir);
    return {
      ...size,
      pages: output.pages,
      buildSeconds,
      outputBytes: output.bytes,
      outputFiles: output.files,
    };
  } finally {
    rmSync(contentDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  }
}
