/**
 * The printable receipt: the page is static, so the receipt is fetched with the number and key from the
 * e-mailed link and laid out with the same facts and words as the e-mail (functions/receipts/).
 */
import { isLocale, type Locale } from "../../../content/locales.ts";
import { describeReceipt } from "../../../contract/receipts/facts.ts";
import type { ReceiptView } from "../../../contract/receipts/view.ts";
import { element } from "./dom.ts";

type Problem = "notFound" | "error";

const RECEIPT_NUMBER = /^\d{4}-\d{1,12}$/;
const ACCESS_KEY = /^[\w-]{8,200}$/;

async function fetchReceipt(number: string, key: string): Promise<ReceiptView | Problem> {
  try {
    const response = await fetch(`/api/receipts/${encodeURIComponent(number)}?k=${encodeURIComponent(key)}`, {
      headers: { accept: "application/json" },
      cache: "no-store",
    });
    if (response.status === 404) return "notFound";
    if (!response.ok) return "error";
    return (await response.json()) as ReceiptView;
  } catch {
    return "error";
  }
}

function render(root: HTMLElement, view: ReceiptView, locale: Locale): void {
  const receipt = describeReceipt(view.receipt, view.council, { locale });
  const fill = (selector: string, text: string) => {
    const node = root.querySelector<HTMLElement>(selector);
    if (node) node.textContent = text;
  };
  fill("[data-receipt-issuer]", receipt.issuer);
  fill("[data-receipt-registration]", receipt.registration);
  fill("[data-receipt-title]", receipt.title);
  fill("[data-receipt-issued]", receipt.issued);
  root
    .querySelector("[data-receipt-facts]")
    ?.replaceChildren(
      ...receipt.facts.flatMap((fact) => [element("dt", fact.label), element("dd", fact.value)]),
    );
  root
    .querySelector("[data-receipt-notes]")
    ?.replaceChildren(...receipt.notes.map((note) => element("p", note)));
}

export async function showReceipt(): Promise<void> {
  const root = document.querySelector<HTMLElement>("[data-receipt-page]");
  const status = root?.querySelector<HTMLElement>("[data-receipt-status]");
  const documentNode = root?.querySelector<HTMLElement>("[data-receipt-document]");
  const print = root?.querySelector<HTMLButtonElement>("[data-receipt-print]");
  if (!root || !status || !documentNode || !print) return;
  const locale = isLocale(root.dataset.locale) ? root.dataset.locale : "ar";
  const messages = JSON.parse(root.dataset.messages ?? "{}") as Record<Problem | "loading", string>;
  const say = (shown: Problem | "loading") => {
    status.dataset.status = shown === "loading" ? "pending" : "unknown";
    status.textContent = messages[shown];
    status.hidden = false;
  };

  const query = new URLSearchParams(window.location.search);
  const number = query.get("n") ?? "";
  const key = query.get("k") ?? "";
  if (!RECEIPT_NUMBER.test(number) || !ACCESS_KEY.test(key)) return say("notFound");
  // The same receipt in the other language: the switcher's static link would drop the number and key.
  for (const link of document.querySelectorAll<HTMLAnchorElement>(".language-switcher a[hreflang]")) {
    link.search = query.toString();
  }

  say("loading");
  const result = await fetchReceipt(number, key);
  if (typeof result === "string") return say(result);
  render(documentNode, result, locale);
  status.hidden = true;
  documentNode.hidden = false;
  print.hidden = false;
  print.addEventListener("click", () => window.print());
}
