import { useState } from "react";
import type { Money } from "../../../../contract/money.ts";
import { staffPost } from "../../lib/staff-auth.ts";
import { dateTime, failureMessage, fill, money } from "./format.ts";
import type { PanelProps } from "./panel-props.ts";

interface Cover {
  months: number;
  amount: Money;
  endsAt: string;
  recorded: boolean;
}

/**
 * The general fund pays a lapsed sponsorship's months (POST /api/finance/sponsorships/{id}/cover). The
 * request id is made once per cover, so sending the form again after a lost answer records it once.
 */
export default function SponsorshipCoverForm({ token, locale, strings, onSessionEnded }: PanelProps) {
  const [donationId, setDonationId] = useState("");
  const [months, setMonths] = useState("1");
  const [note, setNote] = useState("");
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const [done, setDone] = useState<Cover | undefined>();
  const [error, setError] = useState("");

  const submit = async () => {
    setError("");
    setDone(undefined);
    try {
      const path = `/api/finance/sponsorships/${encodeURIComponent(donationId.trim())}/cover`;
      const body = { requestId, months: Number(months), note };
      setDone(await staffPost<Cover>(path, token, locale, body));
      setRequestId(crypto.randomUUID());
    } catch (caught) {
      setError(failureMessage(caught, strings, onSessionEnded) ?? "");
    }
  };

  return (
    <form
      className="finance-form"
      aria-labelledby="cover-title"
      data-testid="cover-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h3 id="cover-title">{strings["finance.cover.title"]}</h3>
      <label htmlFor="cover-donation">{strings["finance.cover.donation"]}</label>
      <input
        id="cover-donation"
        required
        dir="ltr"
        pattern="don_\w+"
        value={donationId}
        onChange={(event) => setDonationId(event.target.value)}
      />
      <label htmlFor="cover-months">{strings["finance.cover.months"]}</label>
      <input
        id="cover-months"
        type="number"
        min={1}
        max={12}
        required
        value={months}
        onChange={(event) => setMonths(event.target.value)}
      />
      <label htmlFor="cover-note">{strings["finance.exceptions.note"]}</label>
      <textarea
        id="cover-note"
        required
        maxLength={2000}
        value={note}
        onChange={(event) => setNote(event.target.value)}
      />
      <button type="submit" className="button">
        {strings["finance.cover.submit"]}
      </button>
      <p className="status" role="status" aria-live="polite">
        {done &&
          fill(strings[done.recorded ? "finance.cover.done" : "finance.cover.already"], {
            months: done.months,
            amount: money(locale, done.amount),
            until: dateTime(locale, done.endsAt),
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
