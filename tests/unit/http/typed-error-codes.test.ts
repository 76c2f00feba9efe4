/**
 * Every error's code is a key of the message catalogues (contract/messages/*.json), so no error can reach a
 * caller without its message in Arabic and English: tsc refuses a code the catalogues lack (the
 * `@ts-expect-error` lines fail the typecheck when they stop being errors).
 */
import { describe, expect, it } from "vitest";
import { isMessageKey, translate } from "../../../contract/messages.ts";
import { AtharError, NotFoundError } from "../../../functions/domain/errors.ts";
import { errorBody, statusFor } from "../../../functions/http/errors.ts";

/** Only compiled, never called: each line below is refused by tsc. */
function refusedByTheTypecheck() {
  // @ts-expect-error a code with no message
  new NotFoundError("receipt_gone_missing", "no such key in the catalogues");
  // @ts-expect-error a message key with no message
  new AtharError("donation_not_found", "x", { messageKey: "a_plainer_wording_nobody_wrote" });
}

describe("error codes", () => {
  it("are typed from the catalogues, and each one an error carries is worded in both languages", () => {
    expect(refusedByTheTypecheck).toBeTypeOf("function");
    const error = new NotFoundError("receipt_not_found", "no receipt");
    expect(isMessageKey(error.code)).toBe(true);
    expect(translate("ar", error.messageKey)).not.toBe(error.code);
    expect(translate("en", error.messageKey)).not.toBe(error.code);
    expect(statusFor(error)).toBe(404);
    expect(errorBody(error, "en")).toEqual({
      error: "receipt_not_found",
      message: translate("en", "receipt_not_found"),
    });
  });
});
