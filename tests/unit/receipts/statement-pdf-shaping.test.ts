import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as fontkit from "fontkit";
import { describe, expect, it } from "vitest";
import { isolate } from "../../../contract/receipts/wording.ts";
import { visualRuns } from "../../../functions/statements/bidi-runs.ts";
import {
  fontFor,
  STATEMENT_FONT_FILES,
  statementFonts,
  woffToSfnt,
} from "../../../functions/statements/fonts.ts";
import { renderStatementPdf } from "../../../functions/statements/statement-pdf.ts";
import { givingStatement, readPdf } from "../../support/statement-pdf.ts";

const ZAKAT = "زكاة";

/** fontkit's own layout of a string in the statement's Arabic font, as advance widths in 1/1000 em. */
function advances(font: fontkit.Font, text: string, features?: Record<string, boolean>): number[] {
  const run = font.layout(text, features as never);
  return run.positions.map((position) => Math.round((position.xAdvance * 1000) / font.unitsPerEm));
}

function glyphIds(font: fontkit.Font, text: string): number[] {
  return font.layout(text).glyphs.map((glyph) => glyph.id);
}

describe("statement PDF: Arabic shaping and bidi", () => {
  it("draws زكاة with the joined letter forms the font's GSUB gives, not the isolated ones", async () => {
    const font = fontkit.create(statementFonts().arabic) as fontkit.Font;
    // The same word laid out by fontkit, letter by letter (each letter alone is its isolated form), in
    // the visual (left-to-right) order a right-to-left word is drawn in.
    const isolatedIds = [...ZAKAT].reverse().flatMap((letter) => glyphIds(font, letter));
    const shapedIds = glyphIds(font, ZAKAT);
    expect(shapedIds).toHaveLength(isolatedIds.length);
    expect(shapedIds).not.toEqual(isolatedIds);
    const shaped = advances(font, ZAKAT);
    const isolated = [...ZAKAT].reverse().flatMap((letter) => advances(font, letter));
    expect(shaped).not.toEqual(isolated);

    const pdf = await readPdf(await renderStatementPdf(givingStatement(), "ar"), "rtl");
    const glyphs = pdf.glyphs[0] ?? [];
    const visual = [...ZAKAT].reverse();
    const drawn: number[][] = [];
    for (let start = 0; start + visual.length <= glyphs.length; start++) {
      const window = glyphs.slice(start, start + visual.length);
      if (window.every((glyph, index) => glyph.unicode === visual[index])) {
        drawn.push(window.map((glyph) => Math.round(glyph.width)));
      }
    }
    // The word appears in the totals and in the table rows; every time with the shaped glyphs.
    expect(drawn.length).toBeGreaterThanOrEqual(3);
    for (const widths of drawn) {
      expect(widths).toEqual(shaped);
      expect(widths).not.toEqual(isolated);
    }
  });

  it("shapes with the font's own features: switching them off gives the isolated forms back", () => {
    const font = fontkit.create(statementFonts().arabic) as fontkit.Font;
    const unshaped = advances(font, ZAKAT, { init: false, medi: false, fina: false, rlig: false });
    const isolated = [...ZAKAT].reverse().flatMap((letter) => advances(font, letter));
    expect(unshaped).toEqual(isolated);
    expect(advances(font, ZAKAT)).not.toEqual(unshaped);
  });

  it("orders runs visually: an isolated number inside an Arabic line stays whole and sits where it is read", () => {
    // Isolated as receipts isolate them (FSI…PDI): after Arabic letters, UAX #9 would otherwise read the
    // digits as Arabic numbers and the hyphen as a neutral, and show "000117-2026".
    const runs = visualRuns(`إيصال رقم ${isolate("2026-000117")} لعام`, "rtl", (char) =>
      fontFor(char, false),
    );
    const texts = runs.map((run) => run.text.trim()).filter(Boolean);
    // Left to right: the word after the number, the number (left to right inside), the words before it.
    expect(texts).toEqual(["لعام", "2026-000117", "إيصال رقم"]);
    expect(runs.find((run) => run.text.includes("2026"))?.rtl).toBe(false);
    expect(runs.find((run) => run.text.includes("رقم"))?.font).toBe("arabic");
    expect(runs.find((run) => run.text.includes("2026"))?.font).toBe("latin");
  });

  it("mirrors brackets in right-to-left text and drops bidi controls, which have no glyph", () => {
    const runs = visualRuns("(٣ دفعات) \u2068Ahmed\u2069", "rtl", (char) => fontFor(char, false));
    const drawn = runs.map((run) => run.text).join("");
    expect(drawn).not.toMatch(/[\u2068\u2069]/);
    // Visually, the closing bracket of the logical text is at the left and is drawn as "(".
    const brackets = drawn.replace(/[^()]/g, "");
    expect(brackets).toBe("()");
    expect(runs[0]?.text.trim()).toBe("Ahmed");
  });

  it("keeps an English line left to right with an Arabic name inside it shaped in place", () => {
    const runs = visualRuns("Donor: فاطمة الصباح (KWD)", "ltr", (char) => fontFor(char, false));
    expect(runs.map((run) => run.text).join("")).toBe("Donor: فاطمة الصباح (KWD)");
    expect(runs.map((run) => run.rtl)).toEqual([false, true, false, false]);
    expect(runs[1]).toEqual({ text: "فاطمة الصباح", font: "arabic", rtl: true });
  });

  it("unwraps each WOFF file into the same font as plain TrueType", () => {
    const resolve = createRequire(import.meta.url).resolve;
    for (const file of Object.values(STATEMENT_FONT_FILES)) {
      const woff = readFileSync(resolve(`@fontsource/tajawal/files/${file}`));
      const wrapped = fontkit.create(woff) as fontkit.Font;
      const sfnt = woffToSfnt(woff);
      expect(sfnt.readUInt32BE(0), file).toBe(0x00010000);
      const plain = fontkit.create(sfnt) as fontkit.Font;
      expect(plain.numGlyphs, file).toBe(wrapped.numGlyphs);
      expect(plain.postscriptName, file).toBe(wrapped.postscriptName);
      for (const text of [ZAKAT, "KWD 12.500", "2026-000117"]) {
        expect(glyphIds(plain, text), file).toEqual(glyphIds(wrapped, text));
        expect(advances(plain, text), file).toEqual(advances(wrapped, text));
      }
    }
    expect(() => woffToSfnt(Buffer.from("not a font at all"))).toThrow(/WOFF/);
  });
});
