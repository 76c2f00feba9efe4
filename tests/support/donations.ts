export const INITIATIVE_ID = "orphans-and-productive-families";

export function donationRequest(overrides: Record<string, unknown> = {}) {
  return {
    initiativeId: INITIATIVE_ID,
    amount: { value: 10000, currency: "SAR" },
    interval: "once",
    designation: "general",
    donor: { name: "Fatimah Al-Harbi", email: "fatimah@example.com" },
    locale: "ar",
    ...overrides,
  };
}

/** POSTs JSON to the API; the answer's status, parsed body and headers. */
export async function postJson(
  baseUrl: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & {
      details?: { field: string; code: string; message: string }[];
    },
    headers: response.headers,
  };
}

export const startCheckout = (baseUrl: string, body: unknown, headers: Record<string, string> = {}) =>
  postJson(baseUrl, "/api/checkout", body, headers);

/** The checkout session id at the end of the local checkout URL. */
export function sessionIdOf(checkoutUrl: unknown): string {
  const id = String(checkoutUrl).split("/").at(-1) ?? "";
  if (!id.startsWith("cs_")) throw new Error(`not a checkout URL: ${String(checkoutUrl)}`);
  return id;
}

/** Pays a checkout by bank transfer on the emulator's page: the session completes unpaid, to settle later. */
export async function payByTransfer(checkoutUrl: unknown) {
  const page = await fetch(String(checkoutUrl), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "outcome=delayed",
    redirect: "manual",
  });
  if (page.status !== 303) throw new Error(`the checkout page answered ${page.status}`);
}
