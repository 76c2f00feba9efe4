/**
 * The layers' rules, read from every import in the repository (TypeScript's own pre-processor finds
 * them, in .ts, .tsx and the frontmatter and scripts of .astro files): domain logic imports no AWS SDK,
 * no adapter, no store and no handler; stores import only the domain and the DynamoDB SDK; nothing in
 * functions/ imports the local stack, the infrastructure, tests or tools; content imports nothing of the
 * product; the site imports only contract/ (what it shares with the functions: money, request schemas and
 * form mappers, API view types, messages, dates) and content/, and contract/ imports only itself, content
 * and packages a browser can load; the model is a leaf; and no import, type imports included, closes a circle.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = new URL("../..", import.meta.url).pathname;
const SKIP = new Set(["node_modules", "dist", "generated", ".astro"]);

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : sourceFiles(path);
    return /\.(ts|tsx|astro)$/.test(entry.name) ? [path] : [];
  });
}

/** The code of a file TypeScript can read: an .astro file's frontmatter and scripts. */
function codeOf(path: string): string {
  const text = readFileSync(join(ROOT, path), "utf8");
  if (!path.endsWith(".astro")) return text;
  const frontmatter = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? "";
  const scripts = [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]);
  return [frontmatter, ...scripts].join("\n");
}

interface Import {
  from: string;
  /** A repository path for a relative import, else the package name (`@aws-sdk/lib-dynamodb`, `node:fs`). */
  target: string;
  relative: boolean;
}

function importsOf(folder: string): Import[] {
  return sourceFiles(folder).flatMap((from) =>
    ts.preProcessFile(codeOf(from), true, true).importedFiles.map(({ fileName }) => {
      const relativeImport = fileName.startsWith(".");
      const target = relativeImport
        ? normalize(join(dirname(from), fileName))
        : fileName.startsWith("@")
          ? fileName.split("/").slice(0, 2).join("/")
          : (fileName.split("/")[0] ?? fileName);
      return { from, target, relative: relativeImport };
    }),
  );
}

const within = (path: string, folders: readonly string[]) =>
  folders.some((folder) => path === folder || path.startsWith(`${folder}/`));
const breaking = (imports: Import[], allowed: (item: Import) => boolean) =>
  imports.filter((item) => !allowed(item)).map((item) => `${item.from} → ${item.target}`);

describe("the dependency rules between folders", () => {
  it("keep the domain free of AWS, stores, adapters, HTTP and handlers", () => {
    const imports = importsOf("functions/domain");
    expect(imports.length).toBeGreaterThan(100);
    const packages = ["zod", "ipaddr.js", "libphonenumber-js", "node:crypto", "node:net"];
    expect(
      breaking(imports, (item) =>
        item.relative
          ? within(item.target, [
              "content",
              "contract",
              "functions/domain",
              // Side folders the domain still reaches into (issue 15 folds them into layers).
              "functions/auth",
              "functions/exports",
              "functions/receipts",
            ])
          : packages.includes(item.target),
      ),
    ).toEqual([]);
  });

  it("let stores import only the domain, the table's own modules, the DynamoDB SDK and zod (codecs)", () => {
    const packages = ["@aws-sdk/client-dynamodb", "@aws-sdk/lib-dynamodb", "ulid", "node:timers", "zod"];
    expect(
      breaking(importsOf("functions/table"), (item) =>
        item.relative
          ? within(item.target, ["content", "contract", "functions/domain", "functions/table"])
          : packages.includes(item.target),
      ),
    ).toEqual([]);
  });

  it("let stores read items back through their codecs, never by casting them", () => {
    const casting = sourceFiles("functions/table").filter((path) =>
      readFileSync(join(ROOT, path), "utf8").includes("as unknown as"),
    );
    expect(casting).toEqual([]);
  });

  it("never let the functions import the local stack, the infrastructure, tests, tools or a handler", () => {
    const outside = ["local", "infra", "tests", "bench", "scripts", "site"];
    const imports = importsOf("functions").filter((item) => item.relative);
    expect(breaking(imports, (item) => !within(item.target, outside))).toEqual([]);
    expect(
      breaking(
        imports,
        (item) => !within(item.target, ["functions/handlers"]) || within(item.from, ["functions/handlers"]),
      ),
    ).toEqual([]);
  });

  it("keep the model a leaf: types that import only content's locales, the contract's words and the calendars", () => {
    const model = importsOf("functions/domain").filter((item) => item.from === "functions/domain/model.ts");
    expect(model.map((item) => item.target).sort()).toEqual([
      "content/locales.ts",
      "contract/money.ts",
      "contract/vocabulary.ts",
      "functions/domain/calendars.ts",
    ]);
  });

  it("form no import circle anywhere in the functions, the site or content", () => {
    const graph = new Map<string, string[]>();
    for (const item of ["functions", "contract", "site/src", "content"].flatMap(importsOf)) {
      if (!item.relative) continue;
      graph.set(item.from, [...(graph.get(item.from) ?? []), item.target]);
    }
    const circles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") {
        circles.push([...path.slice(path.indexOf(file)), file].join(" → "));
        return;
      }
      state.set(file, "open");
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, "done");
    };
    for (const file of graph.keys()) visit(file, []);
    expect(circles).toEqual([]);
  });

  it("keep content apart from the product", () => {
    expect(
      breaking(importsOf("content"), (item) =>
        item.relative
          ? within(item.target, ["content"])
          : ["zod", "yaml", "node:fs", "node:path"].includes(item.target),
      ),
    ).toEqual([]);
  });

  it("let the site import only the shared contract and content", () => {
    const site = importsOf("site/src").filter((item) => item.relative);
    expect(site.length).toBeGreaterThan(100);
    expect(breaking(site, (item) => within(item.target, ["site", "contract", "content"]))).toEqual([]);
    expect(site.filter((item) => within(item.target, ["contract"])).length).toBeGreaterThan(40);
  });

  it("keep the contract to plain modules the browser can load: itself, content and these packages", () => {
    const packages = ["zod", "libphonenumber-js"];
    const imports = importsOf("contract");
    expect(imports.length).toBeGreaterThan(30);
    expect(
      breaking(imports, (item) =>
        item.relative ? within(item.target, ["contract", "content"]) : packages.includes(item.target),
      ),
    ).toEqual([]);
  });
});
