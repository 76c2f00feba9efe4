/** Markdown for the bench report: tables, sections and the number formats they use. */

export interface Table {
  headers: string[];
  /** "left" or "right" per column; left when missing. */
  align?: ("left" | "right")[];
  rows: string[][];
}

export interface Section {
  title: string;
  /** Paragraphs before the table. */
  intro?: string[];
  table?: Table;
  /** Paragraphs after the table. */
  notes?: string[];
}

/** Kibibytes with one decimal (two under 10 KB, so tiny bundles do not all read 0.x); 0 for nothing. */
export function formatKb(bytes: number): string {
  if (bytes === 0) return "0";
  const kb = bytes / 1024;
  return kb < 10 ? kb.toFixed(2) : kb.toFixed(1);
}

export function formatMs(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms.toFixed(1);
}

export function formatRatio(ratio: number): string {
  return `${ratio.toFixed(1)}×`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function renderTable(table: Table): string {
  const header = `| ${table.headers.map(escapeCell).join(" | ")} |`;
  const rule = `| ${table.headers.map((_, i) => (table.align?.[i] === "right" ? "---:" : "---")).join(" | ")} |`;
  const rows = table.rows.map((row) => `| ${row.map(escapeCell).join(" | ")} |`);
  return [header, rule, ...rows].join("\n");
}

export function renderSection(section: Section): string {
  const parts = [`## ${section.title}`, ...(section.intro ?? [])];
  if (section.table) parts.push(renderTable(section.table));
  parts.push(...(section.notes ?? []));
  return parts.join("\n\n");
}
