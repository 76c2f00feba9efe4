/** Lays out the dashboard the API sent: greeting, totals, monthly gifts, impact and stories. */

import { type StoryRef, storiesFor } from "../../../content/story-refs.ts";
import { dualDate, gregorianDate } from "../../../contract/dates.ts";
import type { DashboardTotals, DashboardView, MonthlyCommitment } from "../../../contract/views/account.ts";
import {
  amountText,
  countText,
  figuresText,
  paymentsOf,
  type YearCalendar,
  yearRows,
} from "../lib/account/figures.ts";
import { IMPACT_FORMS, type ImpactTemplates, impactSentence } from "../lib/account/impact.ts";
import {
  type AccountPage,
  figuresRow,
  fillBreakdowns,
  fillFigures,
  initiativeTitle,
} from "./account-context.ts";
import { element, fillBody, link, tableRow } from "./dom.ts";

function showYears(page: AccountPage, totals: DashboardTotals, calendar: YearCalendar): void {
  const rows = yearRows(totals, calendar, page.text("account.hijriYear"));
  fillFigures(
    page,
    "years",
    rows.map((row) => figuresRow(page, row.label, row.figures)),
  );
}

function showTotals(page: AccountPage, totals: DashboardTotals): void {
  const allTime = page.find("[data-all-time]");
  allTime?.replaceChildren(
    ...[
      [page.text("account.totals.allTime"), figuresText(page.locale, totals.allTime)],
      [page.text("account.totals.payments"), countText(page.locale, paymentsOf(totals.allTime))],
    ].map(([term = "", value = ""]) => {
      const entry = document.createElement("div");
      entry.append(element("dt", term), element("dd", value));
      return entry;
    }),
  );
  showYears(page, totals, "gregorian");
  page.find('[data-calendar-choice="year-calendar"]')?.addEventListener("change", (event) => {
    const calendar = (event.target as HTMLInputElement).value === "hijri" ? "hijri" : "gregorian";
    showYears(page, totals, calendar);
  });
  fillBreakdowns(page, totals);
}

function monthlyRow(page: AccountPage, gift: MonthlyCommitment): HTMLTableRowElement {
  const what =
    gift.kind === "adoption"
      ? page.text("account.monthly.adoption", { units: countText(page.locale, gift.units ?? 1) })
      : page.text("account.monthly.donation");
  const manage = document.createElement("button");
  manage.type = "button";
  manage.className = "button button--secondary";
  manage.dataset.manage = gift.donationId;
  manage.textContent = page.text("account.monthly.manage");
  return tableRow(`${initiativeTitle(page, gift.initiative)} · ${what}`, [
    amountText(page.locale, gift.amount),
    gift.nextChargeAt ? dualDate(page.locale, gift.nextChargeAt) : "–",
    page.text(`account.monthly.status.${gift.status}`),
    gift.manageable && gift.status !== "ended" ? manage : "",
  ]);
}

function showImpact(page: AccountPage, view: DashboardView): void {
  const templates = Object.fromEntries(
    [...IMPACT_FORMS, "part", "partOnly"].map((form) => [form, page.text(`account.impact.${form}`)]),
  ) as ImpactTemplates;
  page.find("[data-impact]")?.replaceChildren(
    ...view.impact.map((figure) => {
      const item = document.createElement("li");
      item.append(
        element("strong", `${figure.initiative.title[page.locale]}: `),
        impactSentence(page.locale, figure, templates),
      );
      return item;
    }),
  );
  const empty = page.find("[data-impact-empty]");
  if (empty) empty.hidden = view.impact.length > 0;
  // The stories come with the page (built with the site); the donor's funded initiatives pick them.
  const funded = view.totals.byInitiative.flatMap((row) => (row.initiative ? [row.initiative.id] : []));
  const latest = JSON.parse(page.root.dataset.stories ?? "[]") as StoryRef[];
  const stories = storiesFor(latest, funded);
  page.find("[data-stories]")?.replaceChildren(
    ...stories.map((story) => {
      const item = document.createElement("li");
      item.append(
        link(story.url[page.locale], story.title[page.locale]),
        ` · ${gregorianDate(page.locale, story.date)}`,
      );
      return item;
    }),
  );
  const storiesHeading = page.find("[data-stories-heading]");
  if (storiesHeading) storiesHeading.hidden = stories.length === 0;
}

export function showDashboard(page: AccountPage, view: DashboardView): void {
  const greeting = page.find("[data-greeting]");
  if (greeting) greeting.textContent = page.text("account.greeting", { name: view.donor.name });
  const firstGift = page.find("[data-first-gift]");
  if (firstGift) {
    firstGift.textContent = view.donor.firstGiftAt
      ? page.text("account.firstGift", { date: gregorianDate(page.locale, view.donor.firstGiftAt) })
      : "";
  }
  showTotals(page, view.totals);
  fillBody(
    page.find("[data-monthly]"),
    view.monthly.map((gift) => monthlyRow(page, gift)),
  );
  const monthlyEmpty = page.find("[data-monthly-empty]");
  if (monthlyEmpty) monthlyEmpty.hidden = view.monthly.length > 0;
  const monthlyTable = page.find("[data-monthly]")?.closest<HTMLElement>(".table-scroll");
  if (monthlyTable) monthlyTable.hidden = view.monthly.length === 0;
  showImpact(page, view);
}
