/**
 * Every key format of the table. Nothing outside functions/table/ builds a key string.
 * Entity prefixes are upper-case; ids are opaque and never contain `#`.
 */
export const keys = {
  donation: (donationId: string) => ({ pk: `DONATION#${donationId}`, sk: "DONATION" }),
  /** Lets the thank-you page find a donation from Stripe's checkout session id. */
  checkoutSession: (sessionId: string) => ({ pk: `CHECKOUT#${sessionId}`, sk: "CHECKOUT" }),
  /** One marker per provider event: a second delivery of the same event fails its condition. */
  paymentEvent: (eventId: string) => ({ pk: `PAYMENT_EVENT#${eventId}`, sk: "PAYMENT_EVENT" }),
  /** Append-only ledger entries live with their donation and are listed per month through gsi1. */
  ledgerEntry: (donationId: string, at: string, eventId: string) => ({
    pk: `DONATION#${donationId}`,
    sk: `LEDGER#${at}#${eventId}`,
    gsi1pk: `LEDGER#${at.slice(0, 7)}`,
    gsi1sk: `${at}#${donationId}`,
  }),
  /** All totals share one partition so public statistics are a single Query. */
  initiativeTotals: (initiativeId: string, currency: string) => ({
    pk: "TOTALS",
    sk: `INITIATIVE#${initiativeId}#${currency}`,
  }),
  /** Totals by designation (zakat, sadaqah, general): zakat must be shown to be spent as zakat. */
  designationTotals: (designation: string, currency: string) => ({
    pk: "TOTALS",
    sk: `DESIGNATION#${designation}#${currency}`,
  }),
  /** One fixed rate-limit window of one hashed identifier (never a raw address or e-mail). */
  rateLimitWindow: (scope: string, hashedId: string, windowStart: number) => ({
    pk: `RATE_LIMIT#${scope}#${hashedId}`,
    sk: `WINDOW#${windowStart}`,
  }),
} as const;

/** The Query that lists every total (one partition: initiatives' and designations' rows). */
export const allTotalsQuery = { pk: "TOTALS" } as const;

/** Provider event markers are kept 90 days: Stripe stops retrying after three. */
export const PAYMENT_EVENT_RETENTION_SECONDS = 90 * 24 * 60 * 60;
