import type { StaffToken } from "../../lib/staff-auth.ts";
import type { FinanceStrings } from "./strings.ts";

/** What the console gives each of its panels (panels.ts lists them). */
export interface PanelProps {
  token: StaffToken;
  locale: string;
  strings: FinanceStrings;
  /** Initiative id → title in the page's language (funds are named by them). */
  initiatives: Record<string, string>;
  /** A 401 from the API: the console forgets the token and offers to sign in again. */
  onSessionEnded(): void;
}
