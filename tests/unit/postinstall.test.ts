import { describe, expect, it } from "vitest";
import { engineNote } from "../../scripts/postinstall.ts";

describe("the note after npm ci", () => {
  it("explains the EBADENGINE warnings when npm ran on an older Node than the project's", () => {
    expect(engineNote("npm/11.19.1 node/v20.20.2 linux x64 workspaces/false", "v24.21.0")).toBe(
      "Note: the EBADENGINE warnings above are about the Node.js that runs npm itself (v20.20.2), and are harmless. " +
        "The project's scripts run on Node 24.21.0, which npm has just installed (the `node` devDependency), and every package supports it.",
    );
  });

  it("says nothing when npm already runs on the project's Node, or when it cannot tell", () => {
    expect(engineNote("npm/11.6.0 node/v24.21.0 linux x64 workspaces/false", "v24.21.0")).toBeUndefined();
    expect(engineNote("npm/11.6.0 node/v25.1.0 darwin arm64", "v24.21.0")).toBeUndefined();
    expect(engineNote(undefined, "v24.21.0")).toBeUndefined();
    expect(engineNote("yarn/1.22.0", "v24.21.0")).toBeUndefined();
  });
});
