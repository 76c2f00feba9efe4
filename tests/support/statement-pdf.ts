import { getDocumentProxy } from "unpdf";
import type { GivingStatement, HistoryItem } from "../../contract/views/account.ts";

/** A statement as the ledger's getStatement returns it (contract/views/account.ts). */
export function givingStatement(overrides: Partial<GivingStatement> = {}): GivingStatement {
  return {
    calendar: "gregorian",
    year: 2026,
    period: { from: "2026-01-01", to: "2026-12-31" },
    donor: { name: "فاطمة الصباح" },
    council: {
      name: { ar: "مجلس الجمعيات الخيرية", en: "Council of Arab Charities" },
      registration: {
        number: "CR-20417",
        authority: { ar: "وزارة الشؤون", en: "Ministry of Social Affairs" },
      },
    },
    totals: {
      byCurrency: [
        { currency: "KWD", amount: 37_500, payments: 3 },
        { currency: "SAR", amount: 150_000, payments: 1 },
      ],
      byDesignation: [
        { designation: "zakat", figures: [{ currency: "KWD", amount: 25_000, payments: 2 }] },
        { designation: "sadaqah", figures: [{ currency: "KWD", amount: 12_500, payments: 1 }] },
        { designation: "general", figures: [{ currency: "SAR", amount: 150_000, payments: 1 }] },
      ],
      byInitiative: [
        {
          initiative: { id: "orphans", title: { ar: "كفالة يتيم", en: "Orphan sponsorship" } },
          figures: [{ currency: "KWD", amount: 37_500, payments: 3 }],
        },
        { initiative: null, figures: [{ currency: "SAR", amount: 150_000, payments: 1 }] },
      ],
    },
    items: [
      movement({ at: "2026-02-10T09:00:00Z", designation: "zakat", receipt: "2026-000117" }),
      movement({ at: "2026-03-02T09:00:00Z", designation: "sadaqah", receipt: "2026-000342" }),
      movement({ at: "2026-04-20T09:00:00Z", designation: "zakat", receipt: "2026-000518" }),
      movement({ at: "2026-05-01T09:00:00Z", designation: "zakat", kind: "refund", value: 12_500 }),
      movement({
        at: "2026-06-11T09:00:00Z",
        designation: "general",
        currency: "SAR",
        value: 150_000,
        fund: "general",
        receipt: "2026-000777",
      }),
    ],
    truncated: false,
    generatedAt: "2026-11-23T10:00:00Z",
    ...overrides,
  };
}

export function movement(options: {
  at: string;
  designation: HistoryItem["designation"];
  kind?: HistoryItem["kind"];
  currency?: string;
  value?: number;
  fund?: "orphans" | "general";
  receipt?: string;
}): HistoryItem {
  const value = options.value ?? 12_500;
  const kind = options.kind ?? "payment";
  return {
    at: options.at,
    kind,
    donationId: `don_${options.at.replace(/\D/g, "")}`,
    amount: { value, currency: options.currency ?? "KWD" },
    signedAmount: kind === "payment" || kind === "dispute_reinstatement" ? value : -value,
    designation: options.designation,
    interval: "once",
    initiative:
      (options.fund ?? "orphans") === "orphans"
        ? { id: "orphans", title: { ar: "كفالة يتيم", en: "Orphan sponsorship" } }
        : null,
    ...(options.receipt
      ? { receipt: { number: options.receipt, url: { ar: "/ar/receipt/", en: "/en/receipt/" } } }
      : {}),
  };
}

/** A glyph pdf.js drew: the text it stands for (ToUnicode) and its advance width (1/1000 em). */
export interface DrawnGlyph {
  unicode: string;
  width: number;
}

export interface TextItem {
  str: string;
  /** Left edge and baseline, in PDF points from the bottom-left corner. */
  x: number;
  y: number;
}

export interface ReadPdf {
  pages: number;
  items: TextItem[][];
  /**
   * Each page's text, line by line: pdf.js puts each right-to-left item back in logical order, and the
   * items of a line are read from the line's start (the right, in a right-to-left document).
   */
  text: string[];
  /** Every glyph drawn on each page, in drawing (visual, left to right) order. */
  glyphs: DrawnGlyph[][];
}

function readLines(items: TextItem[], direction: "ltr" | "rtl"): string {
  const lines = new Map<number, TextItem[]>();
  for (const item of items) {
    const y = Math.round(item.y);
    lines.set(y, [...(lines.get(y) ?? []), item]);
  }
  return [...lines.entries()]
    .sort(([a], [b]) => b - a)
    .map(([, line]) =>
      line
        .sort((a, b) => (direction === "rtl" ? b.x - a.x : a.x - b.x))
        .map((item) => item.str)
        .join(" "),
    )
    .join("\n");
}

/** Parses a PDF back with pdf.js (unpdf). */
export async function readPdf(bytes: Uint8Array, direction: "ltr" | "rtl" = "ltr"): Promise<ReadPdf> {
  const document = await getDocumentProxy(bytes.slice());
  const text: string[] = [];
  const items: TextItem[][] = [];
  const glyphs: DrawnGlyph[][] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    const pageItems = content.items.flatMap((item) =>
      "str" in item && item.str.trim() ? [{ str: item.str, x: item.transform[4], y: item.transform[5] }] : [],
    );
    items.push(pageItems);
    text.push(readLines(pageItems, direction));
    const operators = await page.getOperatorList();
    glyphs.push(
      operators.argsArray.flatMap((args: unknown) => {
        const drawn = Array.isArray(args) && Array.isArray(args[0]) ? (args[0] as unknown[]) : [];
        return drawn.filter(
          (glyph): glyph is DrawnGlyph =>
            typeof glyph === "object" && glyph !== null && "unicode" in glyph && "width" in glyph,
        );
      }),
    );
  }
  return { pages: document.numPages, items, text, glyphs };
}
