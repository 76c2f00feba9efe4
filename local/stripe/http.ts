/** Replies and refusals shaped like Stripe's API answers. */
import { localId } from "./webhook-sender.ts";

export interface Handled {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function jsonReply(status: number, body: unknown): Handled {
  return {
    status,
    headers: { "content-type": "application/json", "request-id": localId("req") },
    body: JSON.stringify(body),
  };
}

/** A refusal in Stripe's error body; flows throw it and the routers answer with it. */
export class StripeApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly code: string | undefined;
  readonly param: string | undefined;

  constructor(
    status: number,
    message: string,
    details: { type?: string; code?: string; param?: string } = {},
  ) {
    super(message);
    this.status = status;
    this.type = details.type ?? "invalid_request_error";
    this.code = details.code;
    this.param = details.param;
  }

  toReply(): Handled {
    return jsonReply(this.status, {
      error: {
        type: this.type,
        message: this.message,
        ...(this.code ? { code: this.code } : {}),
        ...(this.param ? { param: this.param } : {}),
      },
    });
  }
}

/** Stripe's 400 for a bad parameter. */
export function invalidRequest(message: string, param?: string, code?: string): StripeApiError {
  return new StripeApiError(400, message, { ...(param ? { param } : {}), ...(code ? { code } : {}) });
}

/** Stripe's 404 for an unknown id, e.g. "No such charge: 'ch_x'". */
export function resourceMissing(objectName: string, id: string, param = "id"): StripeApiError {
  return new StripeApiError(404, `No such ${objectName}: '${id}'`, { code: "resource_missing", param });
}

/** Stripe's list envelope; newest first, `limit` and `starting_after` as Stripe pages them. */
export function stripeList<T extends { id: string }>(
  url: string,
  items: T[],
  query: { limit?: unknown; starting_after?: unknown } = {},
) {
  const limit = Math.min(Math.max(Number(query.limit ?? 10) || 10, 1), 100);
  const after =
    typeof query.starting_after === "string"
      ? items.findIndex((item) => item.id === query.starting_after)
      : -1;
  const rest = items.slice(after + 1);
  return { object: "list", data: rest.slice(0, limit), has_more: rest.length > limit, url };
}
