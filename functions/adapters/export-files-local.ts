import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ExportFiles } from "../domain/finance/exports/ports.ts";

/** Names are the worker's own (`exp_….csv`): nothing that could leave the folder. */
const SAFE_NAME = /^[A-Za-z0-9][\w.-]{0,200}$/;

/** Local runs: export files in a folder (ATHAR_DATA_DIR/exports), served by the download route itself. */
export function createLocalExportFiles(dir: string): ExportFiles {
  const pathOf = (name: string) => {
    if (!SAFE_NAME.test(name)) throw new Error(`Unsafe export file name: ${name}`);
    return join(dir, name);
  };
  return {
    async save(name, body) {
      const path = pathOf(name);
      await mkdir(dir, { recursive: true });
      // Written aside then renamed, so a download never reads half a file.
      const partial = `${path}.${process.pid}.partial`;
      await writeFile(partial, body);
      await rename(partial, path);
    },
    async open(name) {
      try {
        return { body: await readFile(pathOf(name)) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
    },
  };
}
