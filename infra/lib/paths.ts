import { fileURLToPath } from "node:url";

/** The repository root: NodejsFunction entries and the lock file are resolved from it. */
export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");

/** The built site that BucketDeployment uploads (`npm run build`). */
export const SITE_DIST = `${REPO_ROOT}/site/dist`;
