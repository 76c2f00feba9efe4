import { timingSafeEqual } from "node:crypto";
import { OriginUnverifiedError } from "../domain/errors.ts";
import { type HttpEvent, header } from "./request.ts";

/**
 * CloudFront adds this header, with a secret value, to every request it sends the API (infra/lib/site.ts).
 * The API's own execute-api address is public; without the check, anyone could call it directly with a
 * forged CloudFront-Viewer-Address and so pass the per-address limits and any WAF.
 */
export const ORIGIN_VERIFY_HEADER = "x-athar-origin-verify";

/** Refuses a request whose header is none of the accepted values (the current one, and the previous while rotating). */
export type OriginGuard = (event: HttpEvent) => Promise<void>;

const same = (a: string, b: string) => {
  const [left, right] = [Buffer.from(a), Buffer.from(b)];
  return left.length === right.length && timingSafeEqual(left, right);
};

export function createOriginGuard(acceptedValues: () => Promise<readonly string[]>): OriginGuard {
  return async (event) => {
    const sent = header(event, ORIGIN_VERIFY_HEADER);
    const accepted = await acceptedValues();
    if (sent === undefined || !accepted.some((value) => same(value, sent))) throw new OriginUnverifiedError();
  };
}
