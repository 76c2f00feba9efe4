import { useCallback, useEffect, useState } from "react";
import {
  finishSignIn,
  forgetToken,
  loadSignInSettings,
  StaffApiError,
  type StaffSignInSettings,
  type StaffToken,
  signOut,
  staffGet,
  startSignIn,
  storedToken,
} from "../../lib/staff-auth.ts";
import { PANELS } from "./panels.ts";
import type { FinanceKey, FinanceStrings } from "./strings.ts";

interface Props {
  locale: string;
  strings: FinanceStrings;
  /** Initiative id → title in the page's language. */
  initiatives: Record<string, string>;
}

interface Staff {
  email: string;
  roles: string[];
}

type State =
  | { kind: "loading" }
  | { kind: "signedOut"; notice?: string }
  | { kind: "signedIn"; staff: Staff; token: StaffToken }
  | { kind: "error"; message: string };

/** Finance data is for the finance role; admins hold every role (functions/auth/staff.ts). */
const canSeeFinance = (roles: string[]) => roles.includes("finance") || roles.includes("admin");

/**
 * The finance console's frame: sign-in (PKCE), who is signed in and their roles, sign-out, "no access"
 * for staff without the finance role, and the panels. The server checks the role on every request; the
 * frame only spares staff a page of refusals.
 */
export default function FinanceConsole({ locale, strings, initiatives }: Props) {
  const [settings, setSettings] = useState<StaffSignInSettings | undefined>();
  const [state, setState] = useState<State>({ kind: "loading" });
  const [panel, setPanel] = useState(PANELS[0]?.id ?? "");

  const sessionEnded = useCallback(() => {
    forgetToken();
    setState({ kind: "signedOut", notice: strings["finance.sessionEnded"] });
  }, [strings]);

  useEffect(() => {
    (async () => {
      const loaded = await loadSignInSettings();
      setSettings(loaded);
      await finishSignIn(loaded);
      const token = storedToken();
      if (!token) return setState({ kind: "signedOut" });
      const staff = await staffGet<Staff>("/api/staff/me", token, locale);
      setState({ kind: "signedIn", staff, token });
    })().catch((error: unknown) => {
      if (error instanceof StaffApiError && error.status === 401) return sessionEnded();
      forgetToken();
      setState({ kind: "error", message: strings["finance.error"] });
    });
  }, [locale, strings, sessionEnded]);

  if (state.kind === "loading")
    return (
      <p className="status" role="status">
        {strings["finance.loading"]}
      </p>
    );

  if (state.kind === "signedOut" || state.kind === "error")
    return (
      <div className="finance-signin" data-testid="finance-signin">
        {state.kind === "error" && (
          <p className="status status--error" role="alert">
            {state.message}
          </p>
        )}
        {state.kind === "signedOut" && state.notice && (
          <p className="status" role="status">
            {state.notice}
          </p>
        )}
        <p>{strings["finance.signInIntro"]}</p>
        <button
          type="button"
          className="button"
          disabled={!settings}
          onClick={() => settings && void startSignIn(settings, locale)}
        >
          {strings["finance.signIn"]}
        </button>
      </div>
    );

  const { staff, token } = state;
  const allowed = canSeeFinance(staff.roles);
  const active = PANELS.find((entry) => entry.id === panel) ?? PANELS[0];
  return (
    <div className="finance-console" data-testid="finance-console">
      <header className="finance-console__who">
        <p>
          {strings["finance.signedInAs"]}{" "}
          <strong dir="ltr" data-testid="staff-email">
            {staff.email}
          </strong>
          {" · "}
          {strings["finance.roles"]}{" "}
          <span data-testid="staff-roles">
            {staff.roles
              .map((role) => strings[`finance.role.${role}` as FinanceKey] ?? role)
              .join(locale === "ar" ? "، " : ", ")}
          </span>
        </p>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => settings && signOut(settings)}
        >
          {strings["finance.signOut"]}
        </button>
      </header>
      {!allowed && (
        <p className="status status--error" role="alert" data-testid="finance-no-access">
          {strings["finance.noAccess"]}
        </p>
      )}
      {allowed && active && (
        <>
          <nav className="finance-console__panels" aria-label={strings["finance.panels"]}>
            <ul>
              {PANELS.map((entry) => (
                <li key={entry.id}>
                  <button
                    type="button"
                    className="finance-console__tab"
                    aria-current={entry.id === active.id ? "page" : undefined}
                    onClick={() => setPanel(entry.id)}
                  >
                    {strings[entry.title]}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <active.Panel
            token={token}
            locale={locale}
            strings={strings}
            initiatives={initiatives}
            onSessionEnded={sessionEnded}
          />
        </>
      )}
    </div>
  );
}
