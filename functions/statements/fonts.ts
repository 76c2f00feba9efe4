import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { inflateSync } from "node:zlib";

/**
 * The statement is set in Tajawal, the site's typeface (OFL, @fontsource/tajawal): its Arabic cut carries
 * the OpenType features (init, medi, fina, rlig) fontkit shapes with; its Latin cut has the digits, Latin
 * letters and punctuation. WOFF (zlib) files, which fontkit reads and pdfkit embeds as subsets.
 */
export const STATEMENT_FONT_FILES = {
  arabic: "tajawal-arabic-400-normal.woff",
  arabicBold: "tajawal-arabic-700-normal.woff",
  latin: "tajawal-latin-400-normal.woff",
  latinBold: "tajawal-latin-700-normal.woff",
} as const;

export type StatementFont = keyof typeof STATEMENT_FONT_FILES;

/** Where the Lambda bundle carries the files (infra/lib/api.ts copies them next to the handler). */
export const BUNDLED_FONT_DIRECTORY = "fonts";

function fontPath(file: string): string {
  const bundled = fileURLToPath(new URL(`./${BUNDLED_FONT_DIRECTORY}/${file}`, import.meta.url));
  if (existsSync(bundled)) return bundled;
  return createRequire(import.meta.url).resolve(`@fontsource/tajawal/files/${file}`);
}

/**
 * WOFF 1.0 (W3C) to the plain TrueType it wraps: each table is zlib-compressed unless that did not make
 * it smaller. fontkit reads WOFF, but inflates a table again on every access (the glyph table once per
 * glyph), which made a long statement take seconds; unwrapped once, it takes milliseconds.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error("not a WOFF 1.0 font");
  const count = woff.readUInt16BE(12);
  const tables = Array.from({ length: count }, (_, index) => {
    const entry = 44 + index * 20;
    const [tag, offset, compressed, length, checksum] = [0, 4, 8, 12, 16].map((at) =>
      woff.readUInt32BE(entry + at),
    );
    const stored = woff.subarray(offset, (offset as number) + (compressed as number));
    return { tag, checksum, data: compressed === length ? stored : inflateSync(stored) } as {
      tag: number;
      checksum: number;
      data: Buffer;
    };
  });
  const power = 2 ** Math.floor(Math.log2(count));
  const header = Buffer.alloc(12 + count * 16);
  header.writeUInt32BE(woff.readUInt32BE(4), 0);
  header.writeUInt16BE(count, 4);
  header.writeUInt16BE(power * 16, 6);
  header.writeUInt16BE(Math.log2(power), 8);
  header.writeUInt16BE(count * 16 - power * 16, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  tables.forEach((table, index) => {
    header.writeUInt32BE(table.tag, 12 + index * 16);
    header.writeUInt32BE(table.checksum, 16 + index * 16);
    header.writeUInt32BE(offset, 20 + index * 16);
    header.writeUInt32BE(table.data.length, 24 + index * 16);
    const padded = Buffer.alloc(Math.ceil(table.data.length / 4) * 4);
    table.data.copy(padded);
    bodies.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([header, ...bodies]);
}

let loaded: Record<StatementFont, Buffer> | undefined;

/** Read and unwrapped once per process (cold start), on the first statement. */
export function statementFonts(): Record<StatementFont, Buffer> {
  loaded ??= Object.fromEntries(
    Object.entries(STATEMENT_FONT_FILES).map(([name, file]) => [
      name,
      woffToSfnt(readFileSync(fontPath(file))),
    ]),
  ) as Record<StatementFont, Buffer>;
  return loaded;
}

const ARABIC_SCRIPT = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;

/** Arabic script in the Arabic cut, everything else in the Latin one. */
export function fontFor(char: string, bold: boolean): StatementFont {
  if (ARABIC_SCRIPT.test(char)) return bold ? "arabicBold" : "arabic";
  return bold ? "latinBold" : "latin";
}
