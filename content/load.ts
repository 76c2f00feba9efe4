import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { z } from "zod";
import { type Initiative, initiativeSchema } from "./schema.ts";

export const CONTENT_DIR = new URL(".", import.meta.url).pathname;

/** A content file that fails its schema; the message names the file and each failing field. */
export class ContentError extends Error {
  readonly file: string;
  readonly issues: z.core.$ZodIssue[];

  constructor(file: string, issues: z.core.$ZodIssue[]) {
    const fields = issues.map((issue) => `  - ${issue.path.join(".") || "(root)"}: ${issue.message}`);
    super(`${file} is invalid:\n${fields.join("\n")}`);
    this.name = "ContentError";
    this.file = file;
    this.issues = issues;
  }
}

/** Reads and validates every initiative (`initiatives/<id>/initiative.yaml`); the folder name is the id. */
export function loadInitiatives(contentDir = CONTENT_DIR): Initiative[] {
  const root = join(contentDir, "initiatives");
  const folders = readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  return folders
    .map((folder) => {
      const file = join(root, folder.name, "initiative.yaml");
      const result = initiativeSchema.safeParse(parse(readFileSync(file, "utf8")));
      if (!result.success) throw new ContentError(file, result.error.issues);
      if (result.data.id !== folder.name) {
        throw new ContentError(file, [
          {
            code: "custom",
            path: ["id"],
            message: `must equal the folder name "${folder.name}"`,
            input: result.data.id,
          },
        ]);
      }
      return result.data;
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}
