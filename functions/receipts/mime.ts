import MailComposer from "nodemailer/lib/mail-composer";
import type { Locale } from "../../content/locales.ts";
import type { OutgoingEmail } from "../../contract/receipts/document.ts";

/**
 * Who e-mails are from. The display name is localized so an Arabic receipt comes from the council's Arabic
 * name and an English one from its English name; the address is one verified sender.
 */
export interface Sender {
  name: Record<Locale, string>;
  email: string;
}

/**
 * The RFC 5322 bytes of a message (text and HTML alternatives, UTF-8, encoded-word headers for Arabic),
 * built by nodemailer's MailComposer. The Message-ID comes from the message's stable id, so a resend of
 * the same receipt is recognisably the same message.
 */
export async function composeMime(message: OutgoingEmail, from: Sender, date = new Date()): Promise<Buffer> {
  const domain = from.email.split("@").pop() ?? "localhost";
  return new MailComposer({
    from: { name: from.name[message.locale], address: from.email },
    to: { name: message.to.name, address: message.to.email },
    subject: message.subject,
    text: message.text,
    html: message.html,
    date,
    messageId: `<${message.id}@${domain}>`,
    headers: { "Content-Language": message.locale, "Auto-Submitted": "auto-generated" },
    newline: "win",
    // Content is ours and in memory: never let a path or URL in it be read.
    disableFileAccess: true,
    disableUrlAccess: true,
  })
    .compile()
    .build();
}

/** `a***@example.org`: enough to tell recipients apart in a log, not enough to collect addresses. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return "***";
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}
