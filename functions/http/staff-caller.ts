import { SESSION_COOKIE, sessionTokenFrom } from "../auth/session.ts";
import type { StaffAuthenticator, StaffPrincipal } from "../auth/staff.ts";
import { ForbiddenError } from "../domain/errors.ts";
import { type HttpEvent, header } from "./request.ts";

/**
 * The staff member behind a request, from its bearer token. A caller who brings a donor's session instead
 * is signed in, just not as staff: that is a 403 (no access), not a prompt to sign in.
 */
export function staffCaller(authenticator: StaffAuthenticator) {
  return (event: HttpEvent): Promise<StaffPrincipal> => {
    const authorization = header(event, "authorization");
    if (!authorization && sessionTokenFrom(event.cookies)) {
      return Promise.reject(new ForbiddenError(`A donor's ${SESSION_COOKIE} is not a staff credential`));
    }
    return authenticator.authenticate(authorization);
  };
}
