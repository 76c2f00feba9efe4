/**
 * What a push to main must deploy: the whole stack (`cdk deploy`), or only the site (S3 sync and a
 * CloudFront invalidation) when nothing the functions run has changed. The functions bundle their code and
 * the catalog built from content/ (the council, its initiatives with their prices and units), so a content
 * change that alters the catalog must reach them too; one that does not (a new or edited story, which the
 * dashboards take from the site, an image, a page of the site) needs only the site.
 *
 *   node scripts/deploy/plan.ts --base <deployed commit or ""> --deployed-catalog <sha256 or ""> [--head HEAD]
 *
 * prints `site` or `full` on stdout, and why on stderr. `--base` is the commit the stage last deployed
 * (scripts/deploy/site.sh records it in the site's bucket after every deploy); `--deployed-catalog` the
 * stack's CatalogHash output. Either unknown (a first deploy) means `full`.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { buildCatalog, CATALOG_FILE } from "../build-catalog.ts";

export type DeployKind = "site" | "full";

/** Paths that only the site is built from: content files (not its code), and the site's own sources. */
const SITE_ONLY = [/^content\/.+\.(md|mdx|ya?ml|json|jpe?g|png|webp|avif|svg)$/, /^site\//];

export function planDeploy(input: {
  /** Files changed since the deployed commit; undefined when nobody knows what is deployed. */
  changedFiles: readonly string[] | undefined;
  builtCatalogHash: string;
  deployedCatalogHash: string | undefined;
}): { kind: DeployKind; reason: string } {
  if (!input.changedFiles || !input.deployedCatalogHash) {
    return { kind: "full", reason: "what this stage runs is not known (a first deploy?)" };
  }
  const other = input.changedFiles.filter((file) => !SITE_ONLY.some((pattern) => pattern.test(file)));
  if (other.length > 0)
    return { kind: "full", reason: `code or configuration changed: ${other.slice(0, 5).join(", ")}` };
  if (input.builtCatalogHash !== input.deployedCatalogHash) {
    return { kind: "full", reason: "the content changes what the functions know (the catalog)" };
  }
  return { kind: "site", reason: `only the site changed (${input.changedFiles.length} files)` };
}

/** The catalog the functions are bundled with, as the stack's CatalogHash output states it. */
export const catalogHash = (json: string) => createHash("sha256").update(json).digest("hex");

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      base: { type: "string", default: "" },
      head: { type: "string", default: "HEAD" },
      "deployed-catalog": { type: "string", default: "" },
    },
  });
  const changedFiles = values.base
    ? execFileSync("git", ["diff", "--name-only", values.base, values.head], { encoding: "utf8" })
        .split("\n")
        .filter(Boolean)
    : undefined;
  buildCatalog();
  const plan = planDeploy({
    changedFiles,
    builtCatalogHash: catalogHash(readFileSync(CATALOG_FILE, "utf8")),
    deployedCatalogHash: values["deployed-catalog"] || undefined,
  });
  console.error(`deploy: ${plan.kind}: ${plan.reason}`);
  console.log(plan.kind);
}
