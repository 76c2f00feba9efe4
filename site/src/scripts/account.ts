/**
 * The donor's account page. Signed out (or without JavaScript) it is the sign-in form, a plain form post
 * that e-mails a link; signed in it is the dashboard the API assembles for the session's donor.
 */
import type { DashboardView } from "../../../contract/views/account.ts";
import { wireDataRights, wireMonthly, wireStatementPicker } from "./account-actions.ts";
import { type AccountPage, accountPage, getJson, showStatus } from "./account-context.ts";
import { showDashboard } from "./account-dashboard.ts";
import { showHistory } from "./account-history.ts";

type PageState = "signed-out" | "loading" | "signed-in" | "erased";

/** The notices the API's redirects ask for (`?sent=1` after a link was requested, and so on). */
function noticeOf(query: URLSearchParams): string | undefined {
  if (query.get("sent") === "1") return "account.notice.sent";
  if (query.get("signin") === "expired") return "account.notice.expired";
  if (query.get("signedout") === "1") return "account.notice.signedout";
  if (query.get("erasure") === "scheduled") return "account.data.erased";
  return undefined;
}

function setState(page: AccountPage, state: PageState): void {
  page.root.dataset.state = state;
}

export async function showAccount(): Promise<void> {
  const page = accountPage("[data-account]");
  if (!page) return;
  const notice = page.find("[data-account-notice]");
  const shown = noticeOf(new URLSearchParams(window.location.search));
  if (shown) showStatus(notice, page.text(shown));

  setState(page, "loading");
  const dashboard = await getJson<DashboardView>("/api/me/dashboard");
  if (typeof dashboard === "string") {
    if (dashboard === "error") showStatus(notice, page.text("account.loadError"));
    setState(page, "signed-out");
    return;
  }
  showDashboard(page, dashboard);
  wireMonthly(page);
  wireStatementPicker(page);
  wireDataRights(page, () => {
    setState(page, "erased");
    showStatus(notice, page.text("account.data.erased"));
    notice?.focus();
  });
  setState(page, "signed-in");
  await showHistory(page);
  // The chart code (and chart.js with it) loads only for a signed-in donor, after the figures are shown.
  const { drawCharts } = await import("./account-charts.ts");
  await drawCharts(page, dashboard.totals);
}
