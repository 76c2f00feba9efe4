import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Mailer } from "../../contract/receipts/document.ts";
import { composeMime, maskEmail, type Sender } from "../receipts/mime.ts";

export interface OutboxMailerOptions {
  /** Folder the `.eml` files go to (created when missing). */
  dir: string;
  from: Sender;
  log?: (line: string) => void;
}

/** Ids become file names: nothing that could leave the folder. */
const SAFE_ID = /^[A-Za-z0-9][\w.-]{0,200}$/;

/**
 * Local and test runs: each e-mail becomes `<dir>/<id>.eml`, openable in any mail client. Sending the
 * same id again replaces the file, as SES would deliver one message per id.
 */
export function createOutboxMailer({ dir, from, log = console.info }: OutboxMailerOptions): Mailer {
  return {
    async send(message) {
      if (!SAFE_ID.test(message.id)) throw new Error(`Unsafe e-mail id for a file name: ${message.id}`);
      const raw = await composeMime(message, from);
      const path = join(dir, `${message.id}.eml`);
      await mkdir(dir, { recursive: true });
      // Written aside then renamed, so a reader never sees half a message.
      const partial = `${path}.${process.pid}.partial`;
      await writeFile(partial, raw);
      await rename(partial, path);
      log(`outbox: ${message.kind} to ${maskEmail(message.to.email)} → ${path}`);
    },
  };
}
