import { describe, expect, it } from "vitest";
import { catalogHash, planDeploy } from "../../scripts/deploy/plan.ts";

const deployed = catalogHash('{"council":{}}\n');

describe("what a push deploys", () => {
  it("deploys only the site when only content and site files changed and the functions' catalog is the same", () => {
    expect(
      planDeploy({
        changedFiles: [
          "content/stories/2026-11-well.md",
          "content/stories/images/well.webp",
          "site/src/pages/[lang]/index.astro",
          "site/src/i18n/ar.json",
        ],
        builtCatalogHash: deployed,
        deployedCatalogHash: deployed,
      }),
    ).toEqual({ kind: "site", reason: "only the site changed (4 files)" });
  });

  it("deploys everything when the content changes the catalog the functions bundle (a price, a new initiative)", () => {
    expect(
      planDeploy({
        changedFiles: ["content/initiatives/orphans.md"],
        builtCatalogHash: catalogHash('{"council":{"changed":true}}\n'),
        deployedCatalogHash: deployed,
      }).kind,
    ).toBe("full");
  });

  it("deploys everything when code, the content's own code or the stage changed, or nothing is deployed yet", () => {
    for (const file of [
      "functions/domain/ledger.ts",
      "content/schema.ts",
      "infra/stages/staging.json",
      "package-lock.json",
    ]) {
      expect(
        planDeploy({
          changedFiles: ["content/stories/a.md", file],
          builtCatalogHash: deployed,
          deployedCatalogHash: deployed,
        }),
        file,
      ).toMatchObject({ kind: "full", reason: `code or configuration changed: ${file}` });
    }
    expect(
      planDeploy({
        changedFiles: ["site/src/styles.css"],
        builtCatalogHash: deployed,
        deployedCatalogHash: undefined,
      }),
    ).toEqual({ kind: "full", reason: "what this stage runs is not known (a first deploy?)" });
    expect(
      planDeploy({ changedFiles: undefined, builtCatalogHash: deployed, deployedCatalogHash: deployed }).kind,
    ).toBe("full");
  });
});
