/**
 * Mounts the finance console (a React island) where the page marks it. Mounted from this bundled module
 * rather than with Astro's `client:*` directives, whose hydration runtime is an inline script that the
 * site's Content-Security-Policy (script-src 'self', infra/security-headers.ts) refuses.
 */
import { createElement } from "react";
import { createRoot } from "react-dom/client";
import FinanceConsole from "../components/finance/FinanceConsole.tsx";
import type { FinanceStrings } from "../components/finance/strings.ts";

export function mountFinanceConsole() {
  const host = document.querySelector<HTMLElement>("[data-finance-console]");
  if (!host) return;
  const { locale, strings, initiatives } = JSON.parse(host.dataset.props ?? "{}") as {
    locale: string;
    strings: FinanceStrings;
    initiatives: Record<string, string>;
  };
  createRoot(host).render(createElement(FinanceConsole, { locale, strings, initiatives }));
}
