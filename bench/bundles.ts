/**
 * Bundles every Lambda handler group exactly as it is deployed (LAMBDA_BUNDLING) plus an empty handler
 * built with the same settings, which is the baseline the cold-start figures are compared with.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { HANDLER_GROUPS } from "../functions/routes.ts";
import { LAMBDA_BUNDLING } from "../infra/lambda-bundling.ts";
import { buildCatalog } from "../scripts/build-catalog.ts";
import { type Bytes, largestInputs, sizeOf } from "./stats.ts";

export const REPO_ROOT = resolve(import.meta.dirname, "..");
export const BENCH_CACHE_DIR = join(REPO_ROOT, ".cache", "bench");
export const BASELINE_NAME = "emptyHandler";

const EMPTY_HANDLER_SOURCE = 'export const handler = async () => ({ statusCode: 200, body: "" });\n';

export interface BundleResult {
  /** The handler group (a key of HANDLER_GROUPS) or BASELINE_NAME. */
  name: string;
  description: string;
  /** Source entry point, relative to the repository root. */
  entry: string;
  /** Absolute path of the bundled .mjs file. */
  outfile: string;
  bytes: Bytes;
  /** The biggest contributors to the minified output (from esbuild's metafile), largest first. */
  largestInputs: { name: string; bytes: number }[];
}

async function bundleOne(name: string, description: string, entry: string, outDir: string) {
  const outfile = join(outDir, `${name}.mjs`);
  const result = await build({
    ...LAMBDA_BUNDLING,
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    external: [...LAMBDA_BUNDLING.external],
    banner: { js: LAMBDA_BUNDLING.banner },
    entryPoints: [resolve(REPO_ROOT, entry)],
    absWorkingDir: REPO_ROOT,
    bundle: true,
    write: true,
    outfile,
    metafile: true,
    sourcemap: false,
    logLevel: "silent",
  });
  // Only the .mjs is counted: no source map is written, and none would ship in the byte count anyway.
  const inputs = Object.values(result.metafile.outputs).find((output) => output.entryPoint)?.inputs ?? {};
  return {
    name,
    description,
    entry,
    outfile,
    bytes: sizeOf(readFileSync(outfile)),
    largestInputs: largestInputs(inputs),
  } satisfies BundleResult;
}

/** Bundles every handler group and the empty-handler baseline into outDir (default .cache/bench). */
export async function bundleHandlers(
  outDir: string = BENCH_CACHE_DIR,
): Promise<{ functions: BundleResult[]; baseline: BundleResult }> {
  // The handlers import functions/generated/catalog.json; build it so the bench works standalone.
  buildCatalog();
  mkdirSync(outDir, { recursive: true });
  const functions: BundleResult[] = [];
  for (const [name, group] of Object.entries(HANDLER_GROUPS))
    functions.push(await bundleOne(name, group.description, group.entry, outDir));

  const baselineSource = join(outDir, "empty-handler.ts");
  writeFileSync(baselineSource, EMPTY_HANDLER_SOURCE);
  const baseline = await bundleOne(
    BASELINE_NAME,
    "Empty handler with the same bundling settings",
    baselineSource,
    outDir,
  );
  return { functions, baseline: { ...baseline, entry: "(generated empty handler)" } };
}
