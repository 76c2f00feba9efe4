import type { UiKey } from "../../i18n/index.ts";

/** The console's UI strings, picked from site/src/i18n by the page and handed to the island. */
export const FINANCE_KEYS = [
  "finance.title",
  "finance.loading",
  "finance.signIn",
  "finance.signInIntro",
  "finance.signOut",
  "finance.signedInAs",
  "finance.roles",
  "finance.role.finance",
  "finance.role.editor",
  "finance.role.admin",
  "finance.noAccess",
  "finance.error",
  "finance.sessionEnded",
  "finance.panels",
  "finance.audit.title",
  "finance.audit.month",
  "finance.audit.show",
  "finance.audit.empty",
  "finance.audit.more",
  "finance.audit.when",
  "finance.audit.who",
  "finance.audit.action",
  "finance.audit.target",
  "finance.audit.details",
] as const satisfies readonly UiKey[];

export type FinanceKey = (typeof FINANCE_KEYS)[number];
export type FinanceStrings = Record<FinanceKey, string>;
