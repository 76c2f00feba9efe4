import { ForbiddenError } from "../domain/errors.ts";

/**
 * Council staff, as the identity provider vouches for them: Amazon Cognito in AWS (user pool with MFA
 * required, one group per role), a local issuer otherwise; both tokens go through the same verification.
 */
export const STAFF_ROLES = ["finance", "editor", "admin"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffPrincipal {
  /** The identity provider's stable subject (Cognito's `sub`). */
  staffId: string;
  /** For the audit log's "who"; staff addresses are the council's, not donors'. */
  email: string;
  roles: StaffRole[];
}

/** Verifies the caller's token; throws UnauthenticatedError when there is none or it does not verify. */
export interface StaffAuthenticator {
  authenticate(authorization: string | undefined): Promise<StaffPrincipal>;
}

/** Admins may do everything; anyone else needs the role itself. Checked server-side on every staff route. */
export function requireRole(principal: StaffPrincipal, role: StaffRole): StaffPrincipal {
  if (principal.roles.includes(role) || principal.roles.includes("admin")) return principal;
  throw new ForbiddenError(`Role ${role} required`);
}
