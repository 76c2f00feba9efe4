/**
 * Every kind of item the table holds, by the name it carries in its `entity` attribute: what readers match
 * on and what the workers' stream filters (functions/routes.ts) pick. One list, so a filter and the store
 * that writes the item cannot drift apart.
 */
export const ENTITY = {
  adoption: "adoption",
  auditEntry: "auditEntry",
  currencyTotals: "currencyTotals",
  dedicationCard: "dedicationCard",
  designationTotals: "designationTotals",
  donation: "donation",
  donorGift: "donorGift",
  donorMonthly: "donorMonthly",
  donorProfile: "donorProfile",
  erasureRequest: "erasureRequest",
  financeExport: "financeExport",
  fundDay: "fundDay",
  fundFees: "fundFees",
  fundTransfer: "fundTransfer",
  generalFundTotals: "generalFundTotals",
  hold: "hold",
  holdReturned: "holdReturned",
  initiativeTotals: "initiativeTotals",
  inventory: "inventory",
  ledgerEntry: "ledgerEntry",
  payout: "payout",
  payoutTransaction: "payoutTransaction",
  rateLimitWindow: "rateLimitWindow",
  receipt: "receipt",
  receiptCounter: "receiptCounter",
  receiptOfPayment: "receiptOfPayment",
  receiptRequest: "receiptRequest",
  reconException: "reconException",
  reconImport: "reconImport",
  reconciledMovement: "reconciledMovement",
  signInLink: "signInLink",
  signInRequest: "signInRequest",
  unfulfilledAdoption: "unfulfilledAdoption",
} as const;

export type EntityName = (typeof ENTITY)[keyof typeof ENTITY];
