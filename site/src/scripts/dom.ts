/** The few DOM helpers the pages' scripts share. */
export function element(tag: string, text: string, className?: string): HTMLElement {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** A table row: a row header, then data cells (text, or nodes such as links). */
export function tableRow(header: string | Node, cells: (string | Node)[]): HTMLTableRowElement {
  const row = document.createElement("tr");
  const th = document.createElement("th");
  th.scope = "row";
  th.append(header);
  row.append(th);
  for (const cell of cells) {
    const td = document.createElement("td");
    td.append(cell);
    row.append(td);
  }
  return row;
}

export function link(href: string, text: string): HTMLAnchorElement {
  const anchor = document.createElement("a");
  anchor.href = href;
  anchor.textContent = text;
  return anchor;
}

/** Fills a table's body (or any container) with the given rows. */
export function fillBody(table: Element | null, rows: Node[]): void {
  table?.querySelector("tbody")?.replaceChildren(...rows);
}
