/** Small pure helpers shared by the bench modules (and tested on their own). */
import { brotliCompressSync, constants } from "node:zlib";

/** The median of a non-empty list of numbers (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of an empty list");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}

/** A figure next to its brotli-compressed size, both in bytes. */
export interface Bytes {
  raw: number;
  brotli: number;
}

/** Raw and brotli size (quality 11, the most a CDN or a pre-compressing deploy would use). */
export function sizeOf(data: Buffer | string): Bytes {
  const buffer = typeof data === "string" ? Buffer.from(data) : data;
  const brotli = brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).byteLength;
  return { raw: buffer.byteLength, brotli };
}

/** How many contributors largestInputs keeps. */
const LARGEST_INPUTS = 5;

/**
 * Groups a bundle's inputs by npm package ("@aws-sdk/client-dynamodb", "stripe"), or "(project)" for the
 * repository's own code, and returns the largest by bytes in the minified output.
 */
export function largestInputs(
  inputs: Record<string, { bytesInOutput: number }>,
  limit: number = LARGEST_INPUTS,
): { name: string; bytes: number }[] {
  const totals = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(path);
    const name = match?.[1] ?? "(project)";
    totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
  }
  return [...totals]
    .map(([name, bytes]) => ({ name, bytes }))
    .filter((input) => input.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, limit);
}
