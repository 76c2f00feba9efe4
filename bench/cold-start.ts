/**
 * Cold import time: each bundle is imported in a fresh Node process, N times, and the median is kept.
 * The functions and the empty-handler baseline are interleaved per round so machine drift (thermal,
 * other load) affects them all alike; the ratio function / baseline is the figure to watch.
 */
import { spawn } from "node:child_process";
import { pathToFileURL } from "node:url";
import { median } from "./stats.ts";

export const DEFAULT_RUNS = 15;

/** The environment the handlers read at cold start: local mode, so importing makes no network call. */
export const MEASURED_ENV: Readonly<Record<string, string>> = {
  ATHAR_ENV: "local",
  TABLE_NAME: "athar",
  // Nothing listens here; the DynamoDB client only connects on the first request, never at import.
  DYNAMODB_ENDPOINT: "http://127.0.0.1:1",
  AWS_REGION: "me-central-1",
  LOG_LEVEL: "SILENT",
};

/** Imports the bundle given in argv and prints how long the import took, in ms, as JSON. */
const MEASURE_SCRIPT = [
  "const url = process.argv.at(-1);",
  "const start = performance.now();",
  "const mod = await import(url);",
  "const ms = performance.now() - start;",
  'if (typeof mod.handler !== "function") throw new Error("no handler export in " + url);',
  "process.stdout.write(JSON.stringify({ ms }));",
].join("\n");

export interface ColdStartResult {
  name: string;
  runs: number;
  samplesMs: number[];
  medianMs: number;
}

/** One fresh Node process importing the bundle at `file`; resolves with the import time in ms. */
export function measureImportOnce(file: string, env: Readonly<Record<string, string>> = MEASURED_ENV) {
  return new Promise<number>((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      ["--input-type=module", "-e", MEASURE_SCRIPT, pathToFileURL(file).href],
      {
        // A minimal environment: PATH and HOME only, plus what the handlers read.
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`importing ${file} failed (exit ${code}): ${stderr.trim()}`));
      try {
        const { ms } = JSON.parse(stdout) as { ms: unknown };
        if (typeof ms !== "number" || !Number.isFinite(ms)) throw new Error(`bad output: ${stdout}`);
        resolvePromise(ms);
      } catch (error) {
        reject(
          new Error(`importing ${file}: could not read the timing (${String(error)}): ${stderr.trim()}`),
        );
      }
    });
  });
}

/**
 * Measures every bundle `runs` times, sequentially (one process at a time, so they don't compete for
 * the CPU), interleaved: each round imports every bundle once, and the starting bundle rotates from one
 * round to the next so none is always first (or always right after the same neighbour).
 */
export async function measureColdStarts(
  bundles: readonly { name: string; outfile: string }[],
  runs: number = DEFAULT_RUNS,
  onRound?: (round: number) => void,
): Promise<ColdStartResult[]> {
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`runs must be a positive integer, got ${runs}`);
  const samples = new Map<string, number[]>(bundles.map((bundle) => [bundle.name, []]));
  // One unmeasured import per bundle first, so the OS file cache is equally warm for everyone.
  for (const bundle of bundles) await measureImportOnce(bundle.outfile);
  for (let round = 1; round <= runs; round++) {
    for (let i = 0; i < bundles.length; i++) {
      const bundle = bundles[(i + round) % bundles.length] as { name: string; outfile: string };
      samples.get(bundle.name)?.push(await measureImportOnce(bundle.outfile));
    }
    onRound?.(round);
  }
  return bundles.map((bundle) => {
    const samplesMs = samples.get(bundle.name) ?? [];
    return { name: bundle.name, runs, samplesMs, medianMs: median(samplesMs) };
  });
}
