/**
 * How every Lambda handler is bundled. The CDK stack (NodejsFunction) and `npm run bench` both use these
 * settings, so the bundle sizes and cold-start times the bench reports are those of what we deploy.
 */
export const LAMBDA_BUNDLING = {
  platform: "node",
  target: "node24",
  format: "esm",
  minify: true,
  /** Prefer ES modules so esbuild can drop unused code from the AWS SDK and Stripe. */
  mainFields: ["module", "main"],
  /** Some CommonJS dependencies call require() at run time; ESM output needs it defined. */
  banner:
    "import { createRequire as __atharCreateRequire } from 'node:module'; const require = __atharCreateRequire(import.meta.url);",
  /** Everything is bundled (the AWS SDK too) so each function runs the versions we tested. */
  external: [] as string[],
} as const;
