import { LOCALES, type Locale } from "../../content/locales.ts";
import { escapeHtml } from "../http/responses.ts";

/**
 * The HTML of Athar's e-mails: one column, inline styles (mail clients drop style sheets), no tables,
 * direction set on both <html> and the wrapper because some clients keep only the body. Every text passed
 * in is escaped here, so callers hand over plain text.
 */
const INK = "#1c2321";
const MUTED = "#4a5551";
const BRAND = "#0b5345";

export function paragraph(text: string, { muted = false }: { muted?: boolean } = {}): string {
  const style = muted ? `margin:0 0 12px;color:${MUTED};font-size:13px` : "margin:0 0 12px";
  return `<p style="${style}">${escapeHtml(text)}</p>`;
}

/** The council's legal name and registration at the top, as on its letterhead. */
export function letterhead(issuer: string, registration: string): string {
  return (
    `<p style="margin:0;font-size:17px;font-weight:bold;color:${BRAND}">${escapeHtml(issuer)}</p>` +
    `<p style="margin:0 0 20px;color:${MUTED};font-size:13px">${escapeHtml(registration)}</p>`
  );
}

export function heading(text: string): string {
  return `<h1 style="margin:0 0 16px;font-size:20px;color:${INK}">${escapeHtml(text)}</h1>`;
}

export function factList(facts: { label: string; value: string }[]): string {
  const items = facts
    .map(
      ({ label, value }) =>
        `<dt style="margin:10px 0 0;color:${MUTED};font-size:13px">${escapeHtml(label)}</dt>` +
        `<dd style="margin:0;font-weight:bold">${escapeHtml(value)}</dd>`,
    )
    .join("");
  return `<dl style="margin:0 0 16px">${items}</dl>`;
}

export function button(href: string, text: string): string {
  return (
    `<p style="margin:20px 0"><a href="${escapeHtml(href)}" ` +
    `style="display:inline-block;padding:10px 18px;border-radius:8px;background:${BRAND};color:#ffffff;` +
    `text-decoration:none;font-weight:bold">${escapeHtml(text)}</a></p>`
  );
}

/** Closing words and the council's short name, on two lines. */
export function signature(closing: string, signer: string): string {
  return `<p style="margin:20px 0 0">${escapeHtml(closing)}<br>${escapeHtml(signer)}</p>`;
}

export function htmlDocument(locale: Locale, title: string, body: string[]): string {
  const { lang, dir } = LOCALES[locale];
  return [
    "<!doctype html>",
    `<html lang="${lang}" dir="${dir}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title></head>`,
    `<body style="margin:0;padding:0;background:#f7f5f0">`,
    `<div lang="${lang}" dir="${dir}" style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;` +
      `color:${INK};font-family:Tahoma,Arial,sans-serif;font-size:15px;line-height:1.6">`,
    ...body,
    "</div></body></html>",
  ].join("\n");
}
