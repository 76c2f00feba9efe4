import { useState } from "react";
import { LOCALES } from "../../../../content/locales.ts";
import { type Money, parseMajorAmount } from "../../../../contract/money.ts";
import { staffPost } from "../../lib/staff-auth.ts";
import { failureMessage, fill, money } from "./format.ts";
import type { PanelProps } from "./panel-props.ts";

interface RecordedGift {
  donationId: string;
  reference: string;
  amount: Money;
}

const DESIGNATIONS = ["zakat", "sadaqah", "general"] as const;
const METHODS = ["bank_transfer", "cash"] as const;

const EMPTY = {
  name: "",
  email: "",
  phone: "",
  amount: "",
  currency: "SAR",
  designation: "general",
  initiativeId: "",
  method: "bank_transfer",
  bankReference: "",
  receivedAt: new Date().toISOString().slice(0, 10),
  locale: "ar",
  note: "",
};

/**
 * A gift received by bank transfer or in cash (POST /api/finance/gifts): recorded in the ledger, the
 * totals and the donor's history like a card payment, with a receipt e-mailed to the donor.
 */
export default function OfflineGiftForm({ token, locale, strings, initiatives, onSessionEnded }: PanelProps) {
  const [gift, setGift] = useState(EMPTY);
  const [done, setDone] = useState<RecordedGift | undefined>();
  const [error, setError] = useState("");
  const set = (name: keyof typeof EMPTY) => (event: { target: { value: string } }) =>
    setGift((current) => ({ ...current, [name]: event.target.value }));

  const submit = async () => {
    setError("");
    setDone(undefined);
    const currency = gift.currency.trim().toUpperCase();
    const value = parseMajorAmount(gift.amount, currency);
    if (value === undefined) return setError(strings["finance.gift.amountInvalid"]);
    const body = {
      donor: { name: gift.name, email: gift.email, ...(gift.phone ? { phone: gift.phone } : {}) },
      amount: { value, currency },
      designation: gift.designation,
      ...(gift.initiativeId.trim() ? { initiativeId: gift.initiativeId.trim() } : {}),
      method: gift.method,
      ...(gift.method === "bank_transfer" ? { bankReference: gift.bankReference } : {}),
      receivedAt: gift.receivedAt,
      locale: gift.locale,
      ...(gift.note.trim() ? { note: gift.note } : {}),
    };
    try {
      setDone(await staffPost<RecordedGift>("/api/finance/gifts", token, locale, body));
      setGift(EMPTY);
    } catch (caught) {
      setError(failureMessage(caught, strings, onSessionEnded) ?? "");
    }
  };

  const field = (name: keyof typeof EMPTY, type = "text", required = true, ltr = false) => (
    <>
      <label htmlFor={`gift-${name}`}>{strings[`finance.gift.${name}`]}</label>
      <input
        id={`gift-${name}`}
        type={type}
        required={required}
        {...(ltr ? { dir: "ltr" } : {})}
        value={gift[name]}
        onChange={set(name)}
      />
    </>
  );

  return (
    <form
      className="finance-form"
      aria-labelledby="gift-title"
      data-testid="gift-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h3 id="gift-title">{strings["finance.gift.title"]}</h3>
      {field("name")}
      {field("email", "email", true, true)}
      {field("phone", "tel", false, true)}
      {field("amount", "text", true, true)}
      {field("currency", "text", true, true)}
      <label htmlFor="gift-designation">{strings["finance.gift.designation"]}</label>
      <select id="gift-designation" value={gift.designation} onChange={set("designation")}>
        {DESIGNATIONS.map((each) => (
          <option key={each} value={each}>
            {strings[`donate.designation.${each}`]}
          </option>
        ))}
      </select>
      <label htmlFor="gift-initiativeId">{strings["finance.gift.initiativeId"]}</label>
      <select id="gift-initiativeId" value={gift.initiativeId} onChange={set("initiativeId")}>
        <option value="">{strings["finance.funds.generalFund"]}</option>
        {Object.entries(initiatives).map(([id, title]) => (
          <option key={id} value={id}>
            {title}
          </option>
        ))}
      </select>
      <label htmlFor="gift-method">{strings["finance.gift.method"]}</label>
      <select id="gift-method" value={gift.method} onChange={set("method")}>
        {METHODS.map((each) => (
          <option key={each} value={each}>
            {strings[`finance.gift.method.${each}`]}
          </option>
        ))}
      </select>
      {gift.method === "bank_transfer" && field("bankReference", "text", true, true)}
      {field("receivedAt", "date")}
      <label htmlFor="gift-locale">{strings["finance.gift.locale"]}</label>
      <select id="gift-locale" value={gift.locale} onChange={set("locale")}>
        {Object.values(LOCALES).map((each) => (
          <option key={each.lang} value={each.lang} lang={each.lang}>
            {each.label}
          </option>
        ))}
      </select>
      {field("note", "text", false)}
      <button type="submit" className="button">
        {strings["finance.gift.submit"]}
      </button>
      <p className="status" role="status" aria-live="polite">
        {done &&
          fill(strings["finance.gift.done"], {
            amount: money(locale, done.amount),
            reference: done.reference,
            donation: done.donationId,
          })}
      </p>
      {error && (
        <p className="status status--error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
