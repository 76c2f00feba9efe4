import PDFDocument from "pdfkit";
import { type Direction, type VisualRun, visualRuns } from "./bidi-runs.ts";
import { fontFor, type StatementFont, statementFonts } from "./fonts.ts";

export interface TextStyle {
  size: number;
  bold?: boolean;
  color?: string;
}

export type Align = "start" | "end" | "center";

/** A4 in PDF points, and the margins every page keeps. */
export const PAGE = { width: 595.28, height: 841.89, margin: 48 } as const;

/**
 * Without `features` pdfkit shapes word by word and joins the words left to right, which reverses the
 * word order of Arabic; with any `features` it hands fontkit the whole run (fontkit's default features,
 * Arabic joining included, still apply).
 */
const SHAPE_WHOLE_RUN = { features: [] as PDFKit.Mixins.OpenTypeFeatures[] };

/** The part of pdfkit's embedded font (internal) that shapes: fontkit's layout, scaled to 1/1000 em. */
interface ShapingFont {
  layoutRun(text: string, features: unknown): unknown;
}

const memoized = new WeakSet<ShapingFont>();

/**
 * pdfkit shapes a string up to three times to draw it (measure, encode, advance) and caches only the
 * word-by-word path we cannot use; a statement repeats the same strings row after row. Caching each
 * font's whole-run layouts (as pdfkit caches its words) cuts a long statement's time by more than half.
 */
function memoizeLayouts(font: ShapingFont): void {
  if (memoized.has(font)) return;
  const layoutRun = font.layoutRun.bind(font);
  const layouts = new Map<string, unknown>();
  font.layoutRun = (text, features) => {
    let layout = layouts.get(text);
    if (layout === undefined) {
      layout = layoutRun(text, features);
      layouts.set(text, layout);
    }
    return layout;
  };
  memoized.add(font);
}

/**
 * pdfkit with bidi-aware one-line text: every string is cut into visual runs (bidi-runs.ts) and each run
 * is drawn with its own font, left to right; fontkit shapes the Arabic runs. `start`/`end` follow the
 * document's direction, so the same layout code serves Arabic and English.
 */
export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  readonly direction: Direction;

  constructor(direction: Direction, info: { title: string; author: string }) {
    const fonts = statementFonts();
    // No default font: pdfkit would load its Helvetica metrics, and a default font equal to a registered one
    // makes pdfkit parse that font again on every switch to it.
    this.doc = new PDFDocument({
      size: "A4",
      margin: PAGE.margin,
      bufferPages: true,
      font: null as unknown as string,
      info: { Title: info.title, Author: info.author },
      lang: direction === "rtl" ? "ar" : "en",
    } as PDFKit.PDFDocumentOptions);
    for (const [name, data] of Object.entries(fonts)) this.doc.registerFont(name, data);
    this.direction = direction;
  }

  private withFont(font: StatementFont, size: number): PDFKit.PDFDocument {
    this.doc.font(font).fontSize(size);
    memoizeLayouts((this.doc as unknown as { _font: ShapingFont })._font);
    return this.doc;
  }

  /** Measured runs per style and text: tables repeat the same words (designations, currencies) often. */
  private readonly measured = new Map<string, (VisualRun<StatementFont> & { width: number })[]>();

  private runs(text: string, style: TextStyle) {
    const key = `${style.bold ? "b" : "r"}${style.size}:${text}`;
    let runs = this.measured.get(key);
    if (!runs) {
      runs = visualRuns<StatementFont>(text, this.direction, (char) =>
        fontFor(char, style.bold ?? false),
      ).map((run) => ({
        ...run,
        width: this.withFont(run.font, style.size).widthOfString(run.text, SHAPE_WHOLE_RUN),
      }));
      this.measured.set(key, runs);
    }
    return runs;
  }

  width(text: string, style: TextStyle): number {
    return this.runs(text, style).reduce((sum, run) => sum + run.width, 0);
  }

  /** Draws one line in the box [left, left + width]; aligned to the box's start, end or centre. */
  text(text: string, box: { left: number; width: number; y: number; align?: Align }, style: TextStyle): void {
    const runs = this.runs(text, style);
    const total = runs.reduce((sum, run) => sum + run.width, 0);
    const align = box.align ?? "start";
    const atRight = (align === "start") === (this.direction === "rtl");
    let x =
      align === "center"
        ? box.left + (box.width - total) / 2
        : atRight
          ? box.left + box.width - total
          : box.left;
    this.doc.fillColor(style.color ?? "#1a1a1a");
    for (const run of runs) {
      this.withFont(run.font, style.size).text(run.text, x, box.y, {
        ...SHAPE_WHOLE_RUN,
        lineBreak: false,
        textWidth: run.width,
      } as PDFKit.Mixins.TextOptions);
      x += run.width;
    }
  }

  /** Breaks text into lines that fit the width, at spaces (logical order; each line is reordered alone). */
  wrap(text: string, width: number, style: TextStyle): string[] {
    const lines: string[] = [];
    let line = "";
    for (const word of text.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (line && this.width(candidate, style) > width) {
        lines.push(line);
        line = word;
      } else {
        line = candidate;
      }
    }
    if (line) lines.push(line);
    return lines;
  }

  /** The x of a box that starts `offset` points from the page's start edge (right in Arabic). */
  boxLeft(offset: number, width: number): number {
    return this.direction === "rtl" ? PAGE.width - PAGE.margin - offset - width : PAGE.margin + offset;
  }

  rule(y: number, color = "#c9c9c9"): void {
    this.doc
      .moveTo(PAGE.margin, y)
      .lineTo(PAGE.width - PAGE.margin, y)
      .lineWidth(0.6)
      .strokeColor(color)
      .stroke();
  }

  finish(): Promise<Uint8Array> {
    const chunks: Buffer[] = [];
    return new Promise((resolve, reject) => {
      this.doc.on("data", (chunk: Buffer) => chunks.push(chunk));
      this.doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
      this.doc.on("error", reject);
      this.doc.end();
    });
  }
}
