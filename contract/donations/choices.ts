/**
 * The checks of a donation request that depend on content: which initiative (or the general fund), which
 * currencies, zakat and monthly giving the council accepts. startDonation runs them against the catalog;
 * the donation form's island runs them against the same data embedded in the page, so a donor reads the
 * same messages before posting. Content-free checks (amount bounds, e-mail, phone...) are in the schema.
 */
import type { Initiative } from "../../content/schema.ts";
import type { Giving } from "../../content/schema-org.ts";
import { feeCover } from "../fees.ts";
import type { FieldIssue } from "../messages.ts";
import { MAXIMUM_MINOR_AMOUNT } from "../money.ts";
import type { DonationRequest } from "./request.ts";

/** Where the gift goes; `initiative` is undefined when the catalog does not know the requested id. */
export type DonationFund =
  | { kind: "initiative"; initiative: Pick<Initiative, "status" | "zakatEligible"> | undefined }
  | { kind: "general" };

export interface DonationChoicesContext {
  fund: DonationFund;
  /** The council's `giving` block (catalog.council().giving). */
  giving: Giving;
}

/** The parts of a request these checks read; a whole DonationRequest will do. */
export type DonationChoices = Pick<DonationRequest, "amount" | "interval" | "designation" | "coverFee">;

function fundIssue(fund: DonationFund): FieldIssue | undefined {
  if (fund.kind === "general") return undefined;
  if (!fund.initiative || fund.initiative.status === "draft") {
    return { field: "initiativeId", code: "initiative_unknown" };
  }
  if (fund.initiative.status !== "open") return { field: "initiativeId", code: "initiative_not_open" };
  return undefined;
}

function zakatIssue(fund: DonationFund, giving: Giving): FieldIssue | undefined {
  if (fund.kind === "general") {
    return giving.generalFund.zakatEligible
      ? undefined
      : { field: "designation", code: "zakat_not_accepted_general_fund" };
  }
  // An unknown initiative is reported once, as such.
  if (!fund.initiative || fund.initiative.zakatEligible) return undefined;
  return { field: "designation", code: "zakat_not_accepted" };
}

/** Every problem at once, in the order of the form's fields; empty when the choices are acceptable. */
export function checkDonationChoices(
  context: DonationChoicesContext,
  request: DonationChoices,
): FieldIssue[] {
  const { fund, giving } = context;
  const issues: (FieldIssue | undefined)[] = [fundIssue(fund)];
  const currencyAccepted = giving.currencies.includes(request.amount.currency);
  if (!currencyAccepted) {
    issues.push({
      field: "amount.currency",
      code: "currency_not_accepted",
      params: { currencies: giving.currencies.join(", ") },
    });
  } else if (
    request.coverFee &&
    request.amount.value + feeCover(request.amount, giving.processingFee).value > MAXIMUM_MINOR_AMOUNT
  ) {
    // The gift alone passed the schema's maximum; with the fee on top Stripe would refuse the charge.
    issues.push({ field: "amount.value", code: "amount_above_maximum" });
  }
  if (request.interval === "month" && !giving.monthly) {
    issues.push({ field: "interval", code: "interval_unsupported" });
  }
  if (request.designation === "zakat") issues.push(zakatIssue(fund, giving));
  return issues.filter((issue): issue is FieldIssue => issue !== undefined);
}
