import { describe, expect, it } from "vitest";
import { createCatalog } from "../../../functions/adapters/catalog.ts";
import { renderSignInEmail } from "../../../functions/auth/signin-email.ts";

const council = createCatalog().council();
const link = "https://give.example.org/api/auth/callback?token=abc_DEF-123&x=<y>";

describe("the sign-in e-mail", () => {
  it("carries the link once as a button and in the text, in the donor's language and direction", () => {
    for (const locale of ["ar", "en"] as const) {
      const mail = renderSignInEmail({ locale, email: "donor@example.org", link, council, id: "signin-abc" });
      expect(mail).toMatchObject({
        id: "signin-abc",
        kind: "signin",
        locale,
        to: { email: "donor@example.org" },
      });
      expect(mail.text).toContain(link);
      expect(mail.html).toContain(`dir="${locale === "ar" ? "rtl" : "ltr"}"`);
      // The link is escaped in HTML, never injected.
      expect(mail.html).not.toContain("<y>");
      expect(mail.html).toContain("&#60;y&#62;");
      expect(mail.text).toContain(locale === "ar" ? "15 دقيقة" : "15 minutes");
      expect(mail.text).toContain(council.name[locale]);
    }
  });
});
