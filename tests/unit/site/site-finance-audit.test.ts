/** The audit log in the staff's language: actions and targets in words, details labelled, amounts in major units. */
import { describe, expect, it } from "vitest";
import { type AuditEntry, describeAuditEntry } from "../../../site/src/components/finance/audit-text.ts";
import { FINANCE_KEYS, type FinanceStrings } from "../../../site/src/components/finance/strings.ts";
import { t } from "../../../site/src/i18n/index.ts";

const stringsOf = (locale: "ar" | "en") =>
  Object.fromEntries(FINANCE_KEYS.map((key) => [key, t(locale, key)])) as FinanceStrings;
const entry = (
  action: string,
  target: AuditEntry["target"],
  details: Record<string, unknown>,
): AuditEntry => ({
  auditId: "aud_1",
  at: "2026-11-30T09:00:00.000Z",
  actor: { staffId: "stf_1", email: "finance@council.example" },
  action,
  target,
  details,
});

describe("an audit entry as staff read it", () => {
  const reconcile = entry(
    "payout.reconcile",
    { kind: "payout", id: "po_1" },
    { amount: 1234567, currency: "sar" },
  );
  const resolve = entry(
    "exception.resolve",
    { kind: "reconciliationException", id: "po_1.pi_1.missing_in_ledger" },
    { reason: "missing_in_ledger", note: "The webhook was lost", action: "record_payment" },
  );
  const exported = entry(
    "export",
    { kind: "export", id: "exp_1" },
    { kind: "funds", format: "xlsx", locale: "ar", range: { from: "2026-11-01", to: "2026-11-30" } },
  );

  it("words the action, the target and every detail in Arabic, with the amount in riyals", () => {
    const ar = stringsOf("ar");
    const text = describeAuditEntry(reconcile, "ar", ar);
    expect(text.action).toBe("مطابقة تحويل");
    expect(text.target).toEqual({ kind: "التحويل", id: "po_1" });
    expect(text.details).toEqual([{ label: "المبلغ", value: expect.stringContaining("12,345.67") }]);
    const resolved = describeAuditEntry(resolve, "ar", ar);
    expect(resolved.action).toBe("معالجة استثناء");
    expect(resolved.details.map((detail) => detail.label)).toEqual(["السبب", "الملاحظة", "الإجراء"]);
    expect(resolved.details[0]?.value).toBe(ar["finance.reason.missing_in_ledger"]);
    expect(resolved.details[2]?.value).toBe(ar["finance.action.record_payment"]);
    const file = describeAuditEntry(exported, "ar", ar);
    expect(file.details).toEqual([
      { label: "النوع", value: ar["finance.exports.kind.funds"] },
      { label: "الصيغة", value: "XLSX" },
      { label: "اللغة", value: "العربية" },
      { label: "الفترة", value: "2026-11-01 – 2026-11-30" },
    ]);
    for (const described of [text, resolved, file])
      for (const shown of [described.action, described.target.kind, ...described.details.map((d) => d.value)])
        expect(shown).not.toMatch(/[{}"]|^missing_in_ledger$|^record_payment$/);
  });

  it("words them in English, and keeps a code the catalogue does not know rather than hiding it", () => {
    const en = stringsOf("en");
    expect(describeAuditEntry(reconcile, "en", en)).toMatchObject({
      action: "Payout reconciled",
      target: { kind: "Payout", id: "po_1" },
      details: [{ label: "Amount", value: expect.stringContaining("12,345.67") }],
    });
    const money = entry(
      "gift.record",
      { kind: "donation", id: "don_1" },
      { amount: { value: 12500, currency: "KWD" } },
    );
    expect(describeAuditEntry(money, "en", en).details).toEqual([
      { label: "Amount", value: expect.stringContaining("12.500") },
    ]);
    expect(
      describeAuditEntry(entry("staff.new", { kind: "thing", id: "x" }, { extra: 3 }), "en", en),
    ).toEqual({
      action: "staff.new",
      target: { kind: "thing", id: "x" },
      details: [{ label: "extra", value: "3" }],
    });
  });

  it("has words for every action and target the functions record", () => {
    const en = stringsOf("en");
    const actions = [
      "payout.import",
      "payout.reconcile",
      "exception.resolve",
      "export",
      "export.download",
      "gift.record",
      "sponsorship.cover",
      "recognition.hide",
      "recognition.show",
      "adoption.unfulfilled.refund",
      "adoption.unfulfilled.general_fund",
    ];
    for (const action of actions)
      expect(describeAuditEntry(entry(action, { kind: "donation", id: "d" }, {}), "en", en).action).not.toBe(
        action,
      );
    for (const kind of ["donation", "export", "reconciliationException", "payout", "import"])
      expect(describeAuditEntry(entry("export", { kind, id: "x" }, {}), "en", en).target).not.toBe(
        `${kind} x`,
      );
  });
});
