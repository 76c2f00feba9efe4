import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOutboxMailer } from "../../../functions/adapters/mailer-outbox.ts";
import { renderReceiptEmail } from "../../../functions/receipts/receipt-email.ts";
import { arabicMessage, council, oneTimeSar, PUBLIC_BASE_URL, sender } from "../../support/receipts.ts";

let dir: string;
const lines: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "athar-outbox-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const mailer = () =>
  createOutboxMailer({ dir: join(dir, "outbox"), from: sender, log: (line) => lines.push(line) });

describe("the local outbox mailer", () => {
  it("writes an RFC 5322 message that a mail parser reads back, Arabic headers included", async () => {
    await mailer().send(arabicMessage);
    const path = join(dir, "outbox", "receipt-2026-000123.eml");
    const raw = await readFile(path);
    const headers = raw.subarray(0, raw.indexOf("\r\n\r\n")).toString("latin1");
    // Headers travel as 7-bit ASCII: Arabic only inside RFC 2047 encoded words.
    expect(headers).toMatch(/^[\x20-\x7E\r\n\t]+$/);
    expect(headers).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);

    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe(arabicMessage.subject);
    expect(parsed.from?.value).toEqual([{ name: "مجلس الجمعيات الخيرية", address: sender.email }]);
    const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
    expect(to?.value).toEqual([{ name: "خالد الحربي", address: "khalid@example.org" }]);
    expect(parsed.messageId).toBe("<receipt-2026-000123@charities-council.example.org>");
    expect(Math.abs((parsed.date?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    expect(parsed.headers.get("content-type")).toMatchObject({ value: "multipart/alternative" });
    expect(parsed.headers.get("content-language")).toBe("ar");
    expect(parsed.text?.trim()).toBe(arabicMessage.text);
    expect(parsed.html).toBe(arabicMessage.html);
  });

  it("logs one line with the kind, a masked address and the file", async () => {
    lines.length = 0;
    await mailer().send(arabicMessage);
    expect(lines).toEqual([
      `outbox: receipt to k***@example.org → ${join(dir, "outbox", "receipt-2026-000123.eml")}`,
    ]);
    expect(lines.join()).not.toContain("khalid@");
  });

  it("overwrites the file when the same id is sent again", async () => {
    const email = renderReceiptEmail(oneTimeSar, council, { publicBaseUrl: PUBLIC_BASE_URL });
    await mailer().send({ ...email, subject: "first" });
    await mailer().send(email);
    const files = (await readdir(join(dir, "outbox"))).filter((file) => file.startsWith(email.id));
    expect(files).toEqual([`${email.id}.eml`]);
    const parsed = await simpleParser(await readFile(join(dir, "outbox", files[0] ?? "")));
    expect(parsed.subject).toBe(email.subject);
    expect(parsed.text).toContain("150.50");
    expect(parsed.text).toContain(`${PUBLIC_BASE_URL}/ar/receipt/?n=2026-000123&k=${oneTimeSar.accessToken}`);
  });

  it("refuses an id that is not a plain file name", async () => {
    await expect(mailer().send({ ...arabicMessage, id: "../escape" })).rejects.toThrow(/Unsafe e-mail id/);
    expect(await readdir(dir)).toEqual(["outbox"]);
  });
});
