/** The words every side of Athar uses for a gift: the API's answers, the site, receipts and the ledger. */

/** What a gift counts as in Islamic law: zakat goes only to its eight legal uses; sadaqah; a general gift. */
export type Designation = "zakat" | "sadaqah" | "general";

export type Interval = "once" | "month";

/** A movement of money on a donation: a payment, a refund, or a dispute's withdrawal or reinstatement. */
export type MovementKind = "payment" | "refund" | "dispute_withdrawal" | "dispute_reinstatement";
