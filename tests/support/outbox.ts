import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

/**
 * The finished e-mails in the local outbox whose names start with `prefix`. The outbox mailer writes each
 * message aside (`<id>.eml.<pid>.partial`) and renames it, so a listing may name a file that is gone a moment
 * later: only `.eml` files are mail.
 */
export function outboxMails(dir: string, prefix = ""): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && name.endsWith(".eml"))
    .map((name) => join(dir, name));
}
