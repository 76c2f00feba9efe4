import type { Money } from "../../../../contract/money.ts";
import { dateTime, minor, money } from "./format.ts";
import type { FinanceStrings } from "./strings.ts";

/** An entry of the staff audit log as the API answers it (`GET /api/finance/audit`). */
export interface AuditEntry {
  auditId: string;
  at: string;
  actor: { staffId: string; email: string };
  action: string;
  target: { kind: string; id: string };
  details?: Record<string, unknown>;
}

const isMoney = (value: unknown): value is Money =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as Money).value === "number" &&
  typeof (value as Money).currency === "string";

/** The catalogue's wording for a code, or the code itself when the catalogue has none (a newer action). */
function worded(strings: FinanceStrings, key: string, code: string): string {
  return (strings as Record<string, string>)[key] ?? code;
}

function valueText(name: string, value: unknown, locale: string, strings: FinanceStrings): string {
  if (isMoney(value)) return money(locale, value);
  if (name === "range" && typeof value === "object" && value !== null) {
    const { from, to } = value as { from?: string; to?: string };
    return from === to ? String(from) : `${from} – ${to}`;
  }
  if (typeof value !== "string") return String(value);
  if (name === "reason") return worded(strings, `finance.reason.${value}`, value);
  if (name === "action") return worded(strings, `finance.action.${value}`, value);
  if (name === "kind") return worded(strings, `finance.exports.kind.${value}`, value);
  if (name === "format") return value.toUpperCase();
  if (name === "locale") return new Intl.DisplayNames([locale], { type: "language" }).of(value) ?? value;
  if (name === "previousEnd" || name === "endsAt") return dateTime(locale, value);
  return value;
}

/**
 * An audit entry in the staff's language: the action and what it was done to in words, and its details as
 * labelled values (amounts in major units with their currency, dates as dates), never raw JSON.
 */
export function describeAuditEntry(entry: AuditEntry, locale: string, strings: FinanceStrings) {
  const details = { ...entry.details };
  // A reconciled payout's amount is Stripe's: minor units with a lower-case currency beside it.
  if (typeof details.amount === "number" && typeof details.currency === "string") {
    details.amount = minor(locale, details.amount, details.currency.toUpperCase());
    delete details.currency;
  }
  return {
    action: worded(strings, `finance.audit.action.${entry.action}`, entry.action),
    target: {
      kind: worded(strings, `finance.audit.target.${entry.target.kind}`, entry.target.kind),
      id: entry.target.id,
    },
    details: Object.entries(details)
      .filter(([, value]) => value !== undefined && value !== "")
      .map(([name, value]) => ({
        label: worded(strings, `finance.audit.detail.${name}`, name),
        value: valueText(name, value, locale, strings),
      })),
  };
}
