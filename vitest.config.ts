import { defineConfig } from "vitest/config";

/**
 * One run, five kinds of test, named after what they hit: unit (nothing), site (the built site in
 * site/dist, and the W3C Nu HTML Checker on Java), integration (DynamoDB Local), e2e (the running product
 * in Chromium), infra (synthesised CloudFormation). `npm run test:<kind>` runs one kind.
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      { test: { name: "site", include: ["tests/site/**/*.test.ts"], testTimeout: 60_000 } },
      {
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/support/dynamodb-global-setup.ts"],
          setupFiles: ["tests/support/integration-env.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/support/dynamodb-global-setup.ts", "tests/support/product-global-setup.ts"],
          setupFiles: ["tests/support/e2e-env.ts"],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // One browser at a time keeps a 2-core machine from starving the server under test.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "infra",
          include: ["tests/infra/**/*.test.ts"],
          testTimeout: 240_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
