/**
 * What the donor can do from the account page: manage a monthly gift (Stripe's customer portal), pick the
 * year of a giving statement, download their data, ask for erasure.
 */
import type { StatementCalendar } from "../../../contract/views/account.ts";
import { currentYear } from "../lib/account/figures.ts";
import { type AccountPage, getJson, postJson, showStatus } from "./account-context.ts";

export function wireMonthly(page: AccountPage): void {
  const alert = page.find("[data-monthly-alert]");
  page.find("[data-monthly]")?.addEventListener("click", async (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>("button[data-manage]");
    if (!button) return;
    button.disabled = true;
    const response = await postJson(
      `/api/me/monthly/${encodeURIComponent(button.dataset.manage ?? "")}/manage`,
      {
        locale: page.locale,
      },
    );
    const body = response?.ok ? ((await response.json()) as { url?: string }) : undefined;
    if (body?.url) {
      window.location.assign(body.url);
      return;
    }
    button.disabled = false;
    if (alert) alert.textContent = page.text("account.monthly.manageError");
  });
}

/** The statement's year follows the chosen calendar: this Gregorian year, or this Hijri year. */
export function wireStatementPicker(page: AccountPage): void {
  const form = page.find<HTMLFormElement>("[data-statement-form]");
  const year = form?.querySelector<HTMLInputElement>('input[name="year"]');
  if (!form || !year) return;
  const update = () => {
    const calendar = (new FormData(form).get("calendar") as StatementCalendar | null) ?? "gregorian";
    year.value = String(currentYear(calendar, new Date()));
  };
  update();
  form.addEventListener("change", (event) => {
    if ((event.target as HTMLInputElement).name === "calendar") update();
  });
}

/** One page of the export: the donor, and lists (history rows, their donations) continued by `cursor`. */
type ExportPage = Record<string, unknown> & { cursor?: string };

/** Every page of the export in one document: the lists joined, a record listed by two pages kept once. */
async function exportAll(): Promise<Record<string, unknown> | undefined> {
  const assembled: Record<string, unknown> = {};
  const seen = new Set<string>();
  let cursor: string | undefined;
  do {
    const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : "";
    const page = await getJson<ExportPage>(`/api/me/export${query}`);
    if (typeof page === "string") return undefined;
    const { cursor: next, ...fields } = page;
    for (const [key, value] of Object.entries(fields)) {
      if (!Array.isArray(value)) {
        assembled[key] ??= value;
        continue;
      }
      const list = (assembled[key] as unknown[] | undefined) ?? [];
      assembled[key] = list;
      for (const record of value) {
        const identity = `${key}:${JSON.stringify(record)}`;
        if (!seen.has(identity)) list.push(record);
        seen.add(identity);
      }
    }
    cursor = next;
  } while (cursor);
  return assembled;
}

function download(data: unknown, filename: string): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = filename;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function wireDataRights(page: AccountPage, onErased: () => void): void {
  const status = page.find("[data-data-status]");
  const exportButton = page.find<HTMLButtonElement>("[data-export]");
  exportButton?.addEventListener("click", async () => {
    exportButton.disabled = true;
    showStatus(status, page.text("account.data.downloading"));
    const data = await exportAll();
    exportButton.disabled = false;
    if (!data) return showStatus(status, page.text("account.data.downloadError"));
    showStatus(status, "");
    download(data, "athar-my-data.json");
  });

  const erase = page.find<HTMLButtonElement>("[data-erase]");
  const confirm = page.find("[data-erase-confirm]");
  const toggle = (open: boolean) => {
    if (!erase || !confirm) return;
    confirm.hidden = !open;
    erase.setAttribute("aria-expanded", String(open));
  };
  erase?.addEventListener("click", () => toggle(confirm?.hidden ?? false));
  page.find("[data-erase-no]")?.addEventListener("click", () => {
    toggle(false);
    erase?.focus();
  });
  const yes = page.find<HTMLButtonElement>("[data-erase-yes]");
  yes?.addEventListener("click", async () => {
    yes.disabled = true;
    const response = await postJson("/api/me/erasure", { locale: page.locale });
    yes.disabled = false;
    if (response?.status === 202) return onErased();
    showStatus(status, page.text("account.data.eraseError"));
  });
}
