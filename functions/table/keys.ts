/**
 * Every key format of the table. Nothing outside functions/table/ builds a key string.
 * Entity prefixes are upper-case; ids are opaque and never contain `#`.
 */
export const keys = {
  donation: (donationId: string) => ({ pk: `DONATION#${donationId}`, sk: "DONATION" }),
  /** Lets the thank-you page find a donation from Stripe's checkout session id. */
  checkoutSession: (sessionId: string) => ({ pk: `CHECKOUT#${sessionId}`, sk: "CHECKOUT" }),
  /**
   * Append-only ledger entries live with their donation, one per movement (its kind and the provider's
   * reference), so a movement reported twice is written once; gsi1 lists them by month for finance.
   */
  ledgerEntry: (donationId: string, movementId: string, at: string) => ({
    pk: `DONATION#${donationId}`,
    sk: `LEDGER#${movementId}`,
    gsi1pk: `LEDGER#${at.slice(0, 7)}`,
    gsi1sk: `${at}#${donationId}#${movementId}`,
  }),
  /** All totals share one partition so public statistics are a single Query. */
  initiativeTotals: (initiativeId: string, currency: string) => ({
    pk: "TOTALS",
    sk: `INITIATIVE#${initiativeId}#${currency}`,
  }),
  /** The council's general fund: gifts to no initiative in particular. */
  generalFundTotals: (currency: string) => ({ pk: "TOTALS", sk: `FUND#general#${currency}` }),
  /** Totals by designation (zakat, sadaqah, general): zakat must be shown to be spent as zakat. */
  designationTotals: (designation: string, currency: string) => ({
    pk: "TOTALS",
    sk: `DESIGNATION#${designation}#${currency}`,
  }),
  /** Everything received in one currency, whatever it was for: what finance reconciles against Stripe. */
  currencyTotals: (currency: string) => ({ pk: "TOTALS", sk: `CURRENCY#${currency}` }),
  /**
   * A year's receipt numbers: the counter and the payments waiting for a number share a partition, so
   * the sequencer reads both with one Query (COUNTER sorts before QUEUE#).
   */
  receiptCounter: (year: number) => ({ pk: `RECEIPTS#${year}`, sk: "COUNTER" }),
  receiptRequest: (year: number, at: string, donationId: string, movementId: string) => ({
    pk: `RECEIPTS#${year}`,
    sk: `QUEUE#${at}#${donationId}#${movementId}`,
  }),
  /** An issued receipt, read by its printed number (`2026-000123`). */
  receipt: (receiptNumber: string) => ({ pk: `RECEIPT#${receiptNumber}`, sk: "RECEIPT" }),
  /** Receipts not yet e-mailed carry these (a sparse gsi2), removed once the e-mail is sent. */
  receiptAwaitingMail: (receiptNumber: string) => ({ gsi2pk: "MAIL_PENDING", gsi2sk: receiptNumber }),
  /** Claimed when a donation's dedication card is sent: one card per donation, however many receipts. */
  dedicationCard: (donationId: string) => ({ pk: `DONATION#${donationId}`, sk: "DEDICATION_CARD" }),
  /** Which receipt a payment got: at most one per payment, enforced by this key. */
  receiptOfPayment: (donationId: string, movementId: string) => ({
    pk: `DONATION#${donationId}`,
    sk: `RECEIPT#${movementId}`,
  }),
  /** What an initiative funded by units has given out (in the totals partition, so statistics read it too). */
  inventory: (initiativeId: string) => ({ pk: "TOTALS", sk: `INVENTORY#${initiativeId}` }),
  /**
   * Units held for a checkout in progress; listed by expiry in gsi1 for the sweep, and deleted by the
   * table's TTL as a last resort.
   */
  hold: (donationId: string, expiresAt: string) => ({
    pk: `DONATION#${donationId}`,
    sk: "HOLD",
    gsi1pk: "HOLDS",
    gsi1sk: `${expiresAt}#${donationId}`,
  }),
  holdKey: (donationId: string) => ({ pk: `DONATION#${donationId}`, sk: "HOLD" }),
  /** Written when units held by a hold the TTL deleted are returned, so a stream redelivery returns them once. */
  holdReturned: (donationId: string) => ({ pk: `DONATION#${donationId}`, sk: "HOLD_RETURNED" }),
  /** A paid adoption; once it is to end (a monthly sponsorship cancelled), listed by its end in gsi1. */
  adoption: (donationId: string) => ({ pk: `DONATION#${donationId}`, sk: "ADOPTION" }),
  adoptionEnding: (endsAt: string, donationId: string) => ({
    gsi1pk: "ADOPTION_ENDS",
    gsi1sk: `${endsAt}#${donationId}`,
  }),
  /** One fixed rate-limit window of one hashed identifier (never a raw address or e-mail). */
  rateLimitWindow: (scope: string, hashedId: string, windowStart: number) => ({
    pk: `RATE_LIMIT#${scope}#${hashedId}`,
    sk: `WINDOW#${windowStart}`,
  }),
  /**
   * A donor's partition (their id is a keyed hash of their e-mail, functions/domain/donations/donor-identity.ts).
   * `A#…` rows are what the dashboard reads in one Query: the profile with the running totals and session
   * epoch, and one row per monthly gift or sponsorship. `G#…` rows are their history, newest last.
   */
  /**
   * Every donation a donor started, paid or not, listed by donor in gsi2: what erasure must reach, since an
   * unpaid checkout has no history row in the donor's partition. Erasure removes it with the donor's data.
   */
  donationOfDonor: (donorId: string, createdAt: string, donationId: string) => ({
    gsi2pk: `DONOR#${donorId}`,
    gsi2sk: `${createdAt}#${donationId}`,
  }),
  donorProfile: (donorId: string) => ({ pk: `DONOR#${donorId}`, sk: "A#PROFILE" }),
  donorMonthly: (donorId: string, donationId: string) => ({
    pk: `DONOR#${donorId}`,
    sk: `A#MONTHLY#${donationId}`,
  }),
  donorGift: (donorId: string, at: string, donationId: string, movementId: string) => ({
    pk: `DONOR#${donorId}`,
    sk: `G#${at}#${donationId}#${movementId}`,
  }),
  /**
   * A Stripe payout being reconciled: its summary, its balance transactions (`TXN#`) and its exceptions
   * (`EXC#<subject>#<reason>`) share a partition, so the payout page is one Query; gsi1 lists payouts by
   * date. Every key comes from Stripe's ids, so importing the same payout again writes the same items.
   */
  payout: (payoutId: string, created: string) => ({
    pk: `PAYOUT#${payoutId}`,
    sk: "PAYOUT",
    gsi1pk: "PAYOUTS",
    gsi1sk: `${created}#${payoutId}`,
  }),
  payoutKey: (payoutId: string) => ({ pk: `PAYOUT#${payoutId}`, sk: "PAYOUT" }),
  payoutTransaction: (payoutId: string, transactionId: string) => ({
    pk: `PAYOUT#${payoutId}`,
    sk: `TXN#${transactionId}`,
  }),
  payoutException: (payoutId: string, subject: string, reason: string) => ({
    pk: `PAYOUT#${payoutId}`,
    sk: `EXC#${subject}#${reason}`,
  }),
  /** Which payout a ledger movement's money arrived in (beside the ledger entry, in the donation partition). */
  reconciledMovement: (donationId: string, movementId: string) => ({
    pk: `DONATION#${donationId}`,
    sk: `RECON#${movementId}`,
  }),
  /** An import of payouts from Stripe, run by the finance worker; pending ones are listed in gsi2. */
  reconImport: (jobId: string) => ({ pk: `RECON_IMPORT#${jobId}`, sk: "JOB" }),
  reconImportPending: (createdAt: string, jobId: string) => ({
    gsi2pk: "RECON_IMPORTS_PENDING",
    gsi2sk: `${createdAt}#${jobId}`,
  }),
  /** A finance export, built by the export worker; unfinished ones are listed in gsi2 for its schedule. */
  exportJob: (exportId: string) => ({ pk: `EXPORT#${exportId}`, sk: "JOB" }),
  exportPending: (createdAt: string, exportId: string) => ({
    gsi2pk: "EXPORTS_PENDING",
    gsi2sk: `${createdAt}#${exportId}`,
  }),
  /**
   * A sign-in link, keyed by the SHA-256 of its token: the token itself is only ever in the e-mail. The
   * table's TTL removes unused links; consuming one deletes it.
   */
  signInLink: (tokenHash: string) => ({ pk: `SIGNIN#${tokenHash}`, sk: "SIGNIN" }),
  /**
   * A link asked for, waiting for the sign-in mail worker (woken by its INSERT on the stream), which deletes
   * it when done; the TTL drops one it never got to. Keyed by a random id: nothing in the key is personal.
   */
  signInRequest: (requestId: string) => ({ pk: `SIGNINREQ#${requestId}`, sk: "SIGNINREQ" }),
  /**
   * A donor's request to erase their personal data (keyed by their hashed id, so asking twice is one
   * request); listed in gsi1 until the erasure worker has finished it.
   */
  erasureRequest: (donorId: string) => ({ pk: `ERASURE#${donorId}`, sk: "ERASURE" }),
  erasurePending: (requestedAt: string, donorId: string) => ({
    gsi1pk: "ERASURE_PENDING",
    gsi1sk: `${requestedAt}#${donorId}`,
  }),
  /**
   * Fund balances: running figures per council day, designation, fund (an initiative id or `general`) and
   * currency, in one partition so a date range is one Query. The ledger transaction updates `fundDay`
   * rows; a payout's import Puts `fundFees` rows (the same items whenever it is imported again).
   */
  fundDay: (day: string, designation: string, fund: string, currency: string) => ({
    pk: "FUNDS",
    sk: `${day}#${designation}#${fund}#${currency}`,
  }),
  fundFees: (day: string, designation: string, fund: string, currency: string, payoutId: string) => ({
    pk: "FUNDS",
    sk: `${day}#${designation}#${fund}#${currency}#fee#${payoutId}`,
  }),
  /**
   * A transfer between funds (finance covering a lapsed sponsorship from the general fund), in the
   * donation's ledger, once per cover id. Not a movement of money in: no gsi1 month listing (reconciliation
   * reads only money Stripe moved) and no totals.
   */
  fundTransfer: (donationId: string, coverId: string) => ({
    pk: `DONATION#${donationId}`,
    sk: `LEDGER#transfer#${coverId}`,
  }),
  /**
   * A payment for units no longer free (functions/domain/adoption/unfulfilled.ts), one per payment; listed
   * in gsi1 while finance has not resolved it.
   */
  unfulfilledAdoption: (exceptionId: string) => ({ pk: `UNFULFILLED#${exceptionId}`, sk: "UNFULFILLED" }),
  unfulfilledOpen: (recordedAt: string, exceptionId: string) => ({
    gsi1pk: "UNFULFILLED_OPEN",
    gsi1sk: `${recordedAt}#${exceptionId}`,
  }),
  /** Claims an offline gift's reference (a bank transfer's, or a cash receipt's) so it is recorded once. */
  offlineReference: (method: string, reference: string) => ({
    pk: `OFFLINE_REF#${method}#${reference}`,
    sk: "OFFLINE_REF",
  }),
  /** Staff actions, append-only, one partition per month (`AUDIT#2026-11`) sorted by time. */
  auditEntry: (at: string, auditId: string) => ({ pk: `AUDIT#${at.slice(0, 7)}`, sk: `${at}#${auditId}` }),
} as const;

/** A payout's partition: summary, transactions, exceptions. */
export const payoutPartitionQuery = (payoutId: string) => ({ pk: `PAYOUT#${payoutId}` }) as const;
/** Payouts by date (gsi1), newest first. */
export const payoutsByDateQuery = { indexName: "gsi1", gsi1pk: "PAYOUTS" } as const;
/** One month of ledger entries (gsi1), sorted by time: `gsi1sk` between two instants bounds a period. */
export const ledgerMonthQuery = (month: string) =>
  ({ indexName: "gsi1", gsi1pk: `LEDGER#${month}` }) as const;
/** Imports not finished yet (gsi2), for the worker's schedule to pick up. */
export const pendingImportsQuery = { indexName: "gsi2", gsi2pk: "RECON_IMPORTS_PENDING" } as const;
/** Exports not finished yet (gsi2), for the export worker's schedule to pick up. */
export const pendingExportsQuery = { indexName: "gsi2", gsi2pk: "EXPORTS_PENDING" } as const;
/** Where an exception id's parts live: `EXC#<subject>#<reason>`. */
export const exceptionSortKeyPrefix = "EXC#";
export const transactionSortKeyPrefix = "TXN#";

/** One month of the audit log. */
export const auditMonthQuery = (month: string) => ({ pk: `AUDIT#${month}` }) as const;

/** The gsi2 Query of every donation a donor started (erasure's, never a request's). */
export const donorDonationsQuery = (donorId: string) =>
  ({ indexName: "gsi2", gsi2pk: `DONOR#${donorId}` }) as const;

/** The dashboard's one Query: a donor's profile and monthly gifts (`A#` rows). */
export const donorOverviewQuery = (donorId: string) => ({ pk: `DONOR#${donorId}`, skPrefix: "A#" }) as const;
/** A donor's history (`G#` rows), by date: `G#<from>` to `G#<to>` bound a period. */
export const donorGiftsQuery = (donorId: string) => ({ pk: `DONOR#${donorId}`, skPrefix: "G#" }) as const;

/** Every item of one donation's partition: the donation, its ledger entries, receipts' links, adoption. */
export const donationPartitionQuery = (donationId: string) => ({ pk: `DONATION#${donationId}` }) as const;

/** gsi1: unfulfilled adoptions finance has not resolved, oldest first (the console's list). */
export const openUnfulfilledQuery = { indexName: "gsi1", gsi1pk: "UNFULFILLED_OPEN" } as const;
/** gsi1: erasure requests not finished yet, oldest first (the erasure worker's catch-up schedule). */
export const pendingErasuresQuery = { indexName: "gsi1", gsi1pk: "ERASURE_PENDING" } as const;

/** A donor's history rows between two instants (inclusive `from`, exclusive `to`: `G#<at>#…` sorts by time). */
export const donorGiftsBetween = (donorId: string, fromAt: string, toAt: string) =>
  ({ pk: `DONOR#${donorId}`, fromSk: `G#${fromAt}`, toSk: `G#${toAt}` }) as const;

/** The Query that lists every total (one partition: funds', designations' and currencies' rows). */
export const allTotalsQuery = { pk: "TOTALS" } as const;

/** gsi1 Queries of what is due: holds past their expiry, adoptions past their end. */
export const holdsByExpiryQuery = { indexName: "gsi1", gsi1pk: "HOLDS" } as const;
export const adoptionsByEndQuery = { indexName: "gsi1", gsi1pk: "ADOPTION_ENDS" } as const;

/** The gsi2 Query that lists receipts whose e-mail has not gone yet, oldest number first. */
export const receiptsAwaitingMailQuery = { indexName: "gsi2", gsi2pk: "MAIL_PENDING" } as const;

/** The Query that reads a year's receipt counter and its oldest waiting requests. */
export const receiptQueueQuery = (year: number) => ({ pk: `RECEIPTS#${year}` }) as const;

/** Fund balance rows of the days `from` to `to` (inclusive ISO dates): one Query, paged. */
export const fundsBetween = (from: string, to: string) =>
  ({ pk: "FUNDS", fromSk: `${from}#`, toSk: `${to}#\uffff` }) as const;
