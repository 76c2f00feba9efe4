/** The donor's history, a page at a time ("show more" follows the API's cursor), each with its receipt. */

import { gregorianDate } from "../../../contract/dates.ts";
import type { HistoryItem, HistoryPage } from "../../../contract/views/account.ts";
import { amountText } from "../lib/account/figures.ts";
import { type AccountPage, getJson, initiativeTitle } from "./account-context.ts";
import { link, tableRow } from "./dom.ts";

export function historyRow(page: AccountPage, item: HistoryItem): HTMLTableRowElement {
  const what = [
    page.text(`account.kind.${item.kind}`),
    page.text(`donate.designation.${item.designation}`),
    initiativeTitle(page, item.initiative),
    ...(item.interval === "month" ? [page.text("account.history.monthly")] : []),
  ].join(" · ");
  const amount = document.createElement("span");
  amount.textContent = amountText(page.locale, { value: item.signedAmount, currency: item.amount.currency });
  if (item.signedAmount < 0) amount.className = "amount--negative";
  const receipt = item.receipt
    ? link(
        item.receipt.url[page.locale],
        page.text("account.history.receiptLink", { number: item.receipt.number }),
      )
    : "–";
  return tableRow(gregorianDate(page.locale, item.at), [what, amount, receipt]);
}

/** Shows the first page; returns whether the history could be read. */
export async function showHistory(page: AccountPage): Promise<boolean> {
  const table = page.find("[data-history]");
  const body = table?.querySelector("tbody");
  const more = page.find<HTMLButtonElement>("[data-history-more]");
  if (!table || !body || !more) return false;
  let cursor: string | undefined;
  const load = async (): Promise<boolean> => {
    more.disabled = true;
    const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : "";
    const result = await getJson<HistoryPage>(`/api/me/donations${query}`);
    more.disabled = false;
    if (typeof result === "string") return false;
    body.append(...result.items.map((item) => historyRow(page, item)));
    cursor = result.cursor;
    more.hidden = !cursor;
    const empty = body.children.length === 0;
    const wrapper = table.closest<HTMLElement>(".table-scroll");
    if (wrapper) wrapper.hidden = empty;
    const emptyNote = page.find("[data-history-empty]");
    if (emptyNote) emptyNote.hidden = !empty;
    return true;
  };
  more.addEventListener("click", () => void load());
  return load();
}
