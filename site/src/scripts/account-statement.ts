/**
 * The printable giving statement of one Hijri or Gregorian year (for zakat or tax), fetched for the
 * signed-in donor; the same statement downloads as a PDF from the API.
 */

import { dualDate, gregorianDate, hijriDate } from "../../../contract/dates.ts";
import type { GivingStatement, StatementCalendar } from "../../../contract/views/account.ts";
import { yearLabel } from "../lib/account/figures.ts";
import { type AccountPage, accountPage, fillBreakdowns, getJson, showStatus } from "./account-context.ts";
import { historyRow } from "./account-history.ts";
import { link } from "./dom.ts";

function chosenStatement(query: URLSearchParams): { calendar: StatementCalendar; year: number } | undefined {
  const calendar = query.get("calendar");
  const year = query.get("year") ?? "";
  if ((calendar !== "gregorian" && calendar !== "hijri") || !/^\d{4}$/.test(year)) return undefined;
  return { calendar, year: Number(year) };
}

function render(page: AccountPage, statement: GivingStatement): void {
  const { locale } = page;
  const fill = (selector: string, text: string) => {
    const node = page.find(selector);
    if (node) node.textContent = text;
  };
  const year = yearLabel(statement.year, statement.calendar, page.text("account.hijriYear"));
  const date = statement.calendar === "hijri" ? hijriDate : gregorianDate;
  fill("[data-statement-issuer]", statement.council.name[locale]);
  fill(
    "[data-statement-registration]",
    page.text("footer.registration", {
      number: statement.council.registration.number,
      authority: statement.council.registration.authority[locale],
    }),
  );
  fill("[data-statement-heading]", page.text("statement.heading", { year }));
  fill("[data-statement-donor]", statement.donor.name);
  fill(
    "[data-statement-period]",
    page.text("statement.period", {
      from: date(locale, statement.period.from),
      to: date(locale, statement.period.to),
    }),
  );
  fill(
    "[data-statement-issued]",
    page.text("statement.generated", { date: dualDate(locale, statement.generatedAt) }),
  );
  fillBreakdowns(page, statement.totals);
  page
    .find("[data-history] tbody")
    ?.replaceChildren(...statement.items.map((item) => historyRow(page, item)));
  const truncated = page.find("[data-statement-truncated]");
  if (truncated) truncated.hidden = !statement.truncated;
}

export async function showStatement(): Promise<void> {
  const page = accountPage("[data-statement-page]");
  const status = page?.find("[data-statement-status]") ?? null;
  const article = page?.find("[data-statement]");
  const actions = page?.find("[data-statement-actions]");
  if (!page || !article || !actions) return;
  const chosen = chosenStatement(new URLSearchParams(window.location.search));
  if (!chosen) return showStatus(status, page.text("statement.invalid"));
  const query = new URLSearchParams({ calendar: chosen.calendar, year: String(chosen.year) });
  // The same statement in the other language: the switcher's static link would drop the year.
  for (const anchor of document.querySelectorAll<HTMLAnchorElement>(".language-switcher a[hreflang]")) {
    anchor.search = query.toString();
  }

  showStatus(status, page.text("statement.loading"));
  const statement = await getJson<GivingStatement>(`/api/me/statement?${query}`);
  if (statement === "signin") {
    showStatus(status, page.text("statement.signin"));
    status?.append(" ", link(`/${page.locale}/account/`, page.text("account.signin.heading")));
    return;
  }
  if (statement === "error") return showStatus(status, page.text("statement.error"));
  render(page, statement);
  showStatus(status, "");
  article.hidden = false;
  actions.hidden = false;
  page
    .find<HTMLAnchorElement>("[data-statement-pdf]")
    ?.setAttribute("href", `/api/me/statement/pdf?${query}&locale=${page.locale}`);
  page.find("[data-statement-print]")?.addEventListener("click", () => window.print());
}
