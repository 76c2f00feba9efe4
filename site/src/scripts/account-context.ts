/**
 * What the account page's scripts share: the page's root, its language and strings, and reading the
 * donor's API (same origin, so the session cookie goes along).
 */
import { isLocale, type Locale } from "../../../content/locales.ts";
import type { CurrencyFigure, DashboardTotals, InitiativeRef } from "../../../contract/views/account.ts";
import { countText, figuresText, fillTemplate, paymentsOf } from "../lib/account/figures.ts";
import { fillBody, link, tableRow } from "./dom.ts";

export interface AccountPage {
  root: HTMLElement;
  locale: Locale;
  text(key: string, values?: Record<string, string>): string;
  find<T extends HTMLElement = HTMLElement>(selector: string): T | null;
}

export function accountPage(selector: string): AccountPage | undefined {
  const root = document.querySelector<HTMLElement>(selector);
  if (!root) return undefined;
  const messages = JSON.parse(root.dataset.messages ?? "{}") as Record<string, string>;
  return {
    root,
    locale: isLocale(root.dataset.locale) ? root.dataset.locale : "ar",
    text: (key, values = {}) => fillTemplate(messages[key] ?? key, values),
    find: (query) => root.querySelector(query),
  };
}

/** The body of a JSON answer, or why there is none: not signed in, or anything else. */
export async function getJson<T>(url: string): Promise<T | "signin" | "error"> {
  try {
    const response = await fetch(url, { headers: { accept: "application/json" }, cache: "no-store" });
    if (response.status === 401) return "signin";
    return response.ok ? ((await response.json()) as T) : "error";
  } catch {
    return "error";
  }
}

/** A state-changing request as JSON (the API checks that it comes from the site itself). */
export async function postJson(url: string, body: unknown): Promise<Response | undefined> {
  try {
    return await fetch(url, {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    return undefined;
  }
}

export function initiativeTitle(page: AccountPage, initiative: InitiativeRef | null): string {
  return initiative ? initiative.title[page.locale] : page.text("account.generalFund");
}

export function showStatus(node: HTMLElement | null, message: string): void {
  if (!node) return;
  node.textContent = message;
  node.hidden = message === "";
}

/** A totals row: what, how much (every currency), how many donations. */
export function figuresRow(
  page: AccountPage,
  label: string | Node,
  figures: CurrencyFigure[],
): HTMLTableRowElement {
  return tableRow(label, [figuresText(page.locale, figures), countText(page.locale, paymentsOf(figures))]);
}

/** Fills the `data-figures` table of that name. */
export function fillFigures(page: AccountPage, name: string, rows: HTMLTableRowElement[]): void {
  fillBody(page.find(`[data-figures="${name}"]`), rows);
}

/** The totals by type of gift, by initiative (linked to its page) and by currency. */
export function fillBreakdowns(
  page: AccountPage,
  totals: Pick<DashboardTotals, "byDesignation" | "byInitiative" | "byCurrency">,
): void {
  fillFigures(
    page,
    "designations",
    totals.byDesignation.map((entry) =>
      figuresRow(page, page.text(`donate.designation.${entry.designation}`), entry.figures),
    ),
  );
  fillFigures(
    page,
    "initiatives",
    totals.byInitiative.map((entry) => {
      const title = initiativeTitle(page, entry.initiative);
      const label = entry.initiative
        ? link(`/${page.locale}/initiatives/${entry.initiative.id}/`, title)
        : title;
      return figuresRow(page, label, entry.figures);
    }),
  );
  fillFigures(
    page,
    "currencies",
    totals.byCurrency.map((figure) => figuresRow(page, figure.currency, [figure])),
  );
}
