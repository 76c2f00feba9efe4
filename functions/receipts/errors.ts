import { AtharError, type AtharErrorOptions } from "../domain/errors.ts";

/** The mail service refused or failed to take a message; the caller may retry (sending is idempotent by id). */
export class EmailDeliveryError extends AtharError {
  constructor(message: string, options?: AtharErrorOptions) {
    super("email_delivery_failed", message, options);
  }
}
