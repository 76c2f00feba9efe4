import type { StaffSignInSettings } from "../../../contract/finance/views.ts";
import { requireRole, type StaffPrincipal } from "../../auth/staff.ts";
import type { AuditLog, RecordedAuditEntry } from "../audit.ts";
import type { Clock } from "../ports.ts";

/**
 * What the finance console needs from the API before anyone signs in, and its first panel (the audit
 * log). The role is checked here, not only in the handler, so no route can serve the log without it.
 */

/** The OAuth endpoints under the managed-login domain (Cognito's paths; the local issuer has the same). */
export function staffSignInSettings(auth: { loginUrl: string; clientId: string }): StaffSignInSettings {
  return {
    clientId: auth.clientId,
    authorizeUrl: `${auth.loginUrl}/oauth2/authorize`,
    tokenUrl: `${auth.loginUrl}/oauth2/token`,
    logoutUrl: `${auth.loginUrl}/logout`,
    scope: "openid email",
  };
}

export interface AuditPage {
  month: string;
  entries: RecordedAuditEntry[];
  /** Present when older entries of the month remain. */
  cursor?: string;
}

/** Audit entries are filed by UTC month (the store's partition), so "this month" is the UTC one. */
export const currentAuditMonth = (clock: Clock) => clock.now().toISOString().slice(0, 7);

export async function readAuditLog(
  deps: { audit: AuditLog; clock: Clock },
  principal: StaffPrincipal,
  query: { month?: string | undefined; cursor?: string | undefined },
): Promise<AuditPage> {
  requireRole(principal, "finance");
  const month = query.month ?? currentAuditMonth(deps.clock);
  const page = await deps.audit.listMonth(month, query.cursor ? { cursor: query.cursor } : {});
  return { month, ...page };
}
