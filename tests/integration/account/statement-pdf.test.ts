import { describe, expect, it } from "vitest";
import { payOnce, refund } from "../../support/account-gifts.ts";
import { donorOfEmail, sessionCookieFor } from "../../support/donor-sessions.ts";
import { withLocalStack } from "../../support/local-stack.ts";
import { readPdf } from "../../support/statement-pdf.ts";

const stack = withLocalStack();
const EMAIL = "statement.pdf@example.com";

async function statementPdf(query: string, cookie?: string) {
  return fetch(`${stack.url}/api/me/statement/pdf?${query}`, { headers: cookie ? { cookie } : {} });
}

describe("GET /api/me/statement/pdf", () => {
  it("answers the year's statement as a PDF download with the donor's own figures", async () => {
    const gift = await payOnce(stack.url, {
      email: EMAIL,
      name: "سارة العتيبي",
      value: 25_000,
      currency: "KWD",
      designation: "zakat",
      at: "2026-03-10T09:00:00Z",
    });
    await payOnce(stack.url, {
      email: EMAIL,
      name: "سارة العتيبي",
      value: 5_000,
      currency: "SAR",
      designation: "sadaqah",
      at: "2026-04-02T09:00:00Z",
    });
    await refund(stack.url, gift, {
      value: 5_000,
      charged: 25_000,
      currency: "KWD",
      at: "2026-05-01T09:00:00Z",
    });
    // Another year and another donor must not appear.
    await payOnce(stack.url, {
      email: EMAIL,
      name: "سارة العتيبي",
      value: 7_700,
      currency: "SAR",
      designation: "zakat",
      at: "2025-06-01T09:00:00Z",
    });
    await payOnce(stack.url, {
      email: "someone.else.pdf@example.com",
      value: 9_900,
      currency: "SAR",
      designation: "zakat",
      at: "2026-03-11T09:00:00Z",
    });

    const cookie = await sessionCookieFor(donorOfEmail(EMAIL), { locale: "en" });
    const response = await statementPdf("calendar=gregorian&year=2026", cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="athar-statement-gregorian-2026.pdf"',
    );
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    // The profile (session epoch and counters) and one page of the year's rows.
    expect(response.headers.get("x-athar-dynamodb-calls")).toBe("2");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe("%PDF-");

    const text = (await readPdf(bytes)).text.join("\n");
    expect(text).toContain("Annual giving statement: Year 2026");
    expect(text).toContain("سارة العتيبي");
    // Net of the refund, in three decimals; the refund is listed as money going back.
    expect(text).toContain("KWD 20.000 (1 payment)");
    expect(text).toContain("Zakat: KWD 20.000");
    expect(text).toContain("-KWD 5.000");
    expect(text).toContain("Sadaqah: SAR 50.00");
    expect(text).not.toContain("77.00");
    expect(text).not.toContain("99.00");
  });

  it("prints the session's language unless asked for the other, and a Hijri year with both calendars", async () => {
    const cookie = await sessionCookieFor(donorOfEmail(EMAIL), { locale: "ar" });
    const arabic = await statementPdf("calendar=hijri&year=1447", cookie);
    expect(arabic.status).toBe(200);
    expect(arabic.headers.get("content-disposition")).toContain('filename="athar-statement-hijri-1447.pdf"');
    const arabicText = (await readPdf(new Uint8Array(await arabic.arrayBuffer()), "rtl")).text.join("\n");
    expect(arabicText).toContain("كشف التبرعات السنوي");
    expect(arabicText).toContain("1447");
    const english = await statementPdf("calendar=hijri&year=1447&locale=en", cookie);
    const englishText = (await readPdf(new Uint8Array(await english.arrayBuffer()))).text.join("\n");
    expect(englishText).toContain("Year 1447 AH");
    expect(englishText).toMatch(/\d{1,2} \w+ 2025/);
  });

  it("says so in the PDF when the year has no gifts", async () => {
    await payOnce(stack.url, {
      email: "no.gifts.pdf@example.com",
      value: 5000,
      currency: "SAR",
      designation: "sadaqah",
      at: "2026-03-01T09:00:00Z",
    });
    const cookie = await sessionCookieFor(donorOfEmail("no.gifts.pdf@example.com"), { locale: "en" });
    const response = await statementPdf("calendar=gregorian&year=2024", cookie);
    expect(response.status).toBe(200);
    const text = (await readPdf(new Uint8Array(await response.arrayBuffer()))).text.join("\n");
    expect(text).toContain("No gifts are recorded in this period.");
  });

  it("asks to sign in without a session and refuses a bad query as JSON errors", async () => {
    const missing = await statementPdf("calendar=gregorian&year=2026");
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: string }).error).toBe("signin_required");
    const cookie = await sessionCookieFor(donorOfEmail(EMAIL));
    for (const query of [
      "calendar=julian&year=2026",
      "calendar=gregorian&year=1800",
      "calendar=gregorian&year=2026&locale=fr",
    ]) {
      const response = await statementPdf(query, cookie);
      expect(response.status, query).toBe(400);
      expect(response.headers.get("content-type"), query).toContain("application/json");
    }
  });
});
