/**
 * What the donation and adoption forms' islands share. Without JavaScript each form posts to its API, which
 * answers 303 to the checkout page. With it: each field is checked as the donor leaves it and again as they
 * correct it (with the API's own schema and messages, loaded on first use), and the form posts JSON so any
 * error the API still finds appears beside its field, in the page's language.
 */
export interface ShownIssue {
  field: string;
  message: string;
}

export type FormFields = Partial<Record<string, string>>;

interface ApiErrorBody {
  message: string;
  details?: ShownIssue[];
}

function isApiError(body: unknown): body is ApiErrorBody {
  return typeof body === "object" && body !== null && typeof (body as ApiErrorBody).message === "string";
}

/** The fields as a browser would post them: checked radios and boxes only. */
export function formFields(form: HTMLFormElement): FormFields {
  const fields: FormFields = {};
  for (const [name, value] of new FormData(form)) if (typeof value === "string") fields[name] = value;
  return fields;
}

class FormView {
  readonly form: HTMLFormElement;
  readonly alert: HTMLElement;

  constructor(form: HTMLFormElement, alert: HTMLElement) {
    this.form = form;
    this.alert = alert;
  }

  private controls(field: string) {
    return this.form.querySelectorAll<HTMLElement>(`[data-field="${CSS.escape(field)}"]`);
  }

  /** Shows each listed field's first issue beside it (or clears it); other fields keep what they show. */
  showFields(issues: ShownIssue[], shown: (field: string) => boolean): void {
    for (const slot of this.form.querySelectorAll<HTMLElement>("[data-error-for]")) {
      const field = slot.dataset.errorFor ?? "";
      if (!shown(field)) continue;
      const message = issues.find((issue) => issue.field === field)?.message ?? "";
      slot.textContent = message;
      for (const control of this.controls(field)) {
        if (message) control.setAttribute("aria-invalid", "true");
        else control.removeAttribute("aria-invalid");
      }
    }
  }

  /** The summary above the form (role=alert), then focus on the first field to correct. */
  showSummary(heading: string, issues: ShownIssue[]): void {
    const title = document.createElement("p");
    title.textContent = heading;
    const list = document.createElement("ul");
    for (const issue of issues) {
      const item = document.createElement("li");
      item.textContent = issue.message;
      list.append(item);
    }
    this.alert.replaceChildren(title, ...(issues.length > 0 ? [list] : []));
    (this.form.querySelector<HTMLElement>('[aria-invalid="true"]') ?? this.alert).focus();
  }

  clearSummary(): void {
    this.alert.replaceChildren();
  }
}

export interface FormIsland {
  /** The API's checks of the fields, in the page's language; loaded on first use. */
  validate(fields: FormFields): Promise<ShownIssue[]>;
  /** Starts loading the checks, so they are there by the time the donor leaves a field. */
  preload(): void;
  /** The JSON request the fields make (donationFormToRequest, adoptionFormToRequest). */
  toRequest(fields: FormFields): unknown;
  /** A refusal the API gives without field details (a 409, say): the issues to show beside fields. */
  issuesOfRefusal?(status: number, body: unknown): ShownIssue[] | undefined;
}

/** Turns a form (with `[data-form-alert]` and a submit button) into its island. */
export function enhanceFormIsland(form: HTMLFormElement, island: FormIsland): void {
  const alert = form.querySelector<HTMLElement>("[data-form-alert]");
  const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (!alert || !submit) return;
  const view = new FormView(form, alert);
  const submitLabel = submit.textContent ?? "";
  // Our messages (in the page's language) replace the browser's own bubbles.
  form.noValidate = true;

  // A field is checked once the donor has left it, then on every change, so nobody is told off mid-word.
  const touched = new Set<string>();
  let run = 0;
  const revalidate = async () => {
    const current = ++run;
    const issues = await island.validate(formFields(form));
    if (current !== run) return;
    view.showFields(issues, (field) => touched.has(field));
    if (issues.length === 0) view.clearSummary();
  };
  const fieldOf = (target: EventTarget | null) =>
    target instanceof HTMLElement ? target.dataset.field : undefined;
  form.addEventListener("focusin", () => island.preload(), { once: true });
  form.addEventListener("focusout", (event) => {
    const field = fieldOf(event.target);
    if (!field) return;
    touched.add(field);
    void revalidate();
  });
  const onEdit = (event: Event) => {
    const field = fieldOf(event.target);
    if (field && touched.has(field)) void revalidate();
  };
  form.addEventListener("input", onEdit);
  form.addEventListener("change", onEdit);

  const setBusy = (busy: boolean) => {
    submit.disabled = busy;
    submit.textContent = busy ? (form.dataset.submitting ?? submitLabel) : submitLabel;
  };
  // Coming back from the payment page with the back button restores this page from the cache.
  window.addEventListener("pageshow", () => setBusy(false));

  const showIssues = (heading: string, issues: ShownIssue[]) => {
    for (const issue of issues) touched.add(issue.field);
    view.showFields(issues, () => true);
    view.showSummary(heading, issues);
  };
  const summaryHeading = (issues: ShownIssue[], fallback: string) =>
    issues.length > 0 ? (form.dataset.errorSummary ?? fallback) : fallback;

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const fields = formFields(form);
    // Should the checks fail to load (a flaky connection), the API still checks and answers in kind.
    const issues = await island.validate(fields).catch((): ShownIssue[] => []);
    if (issues.length > 0) {
      showIssues(summaryHeading(issues, ""), issues);
      return;
    }
    view.clearSummary();
    setBusy(true);
    const networkError = form.dataset.networkError ?? "";
    try {
      const response = await fetch(form.action, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({
          ...(island.toRequest(fields) as Record<string, unknown>),
          // Cloudflare Turnstile's token, when the bot check is on (its widget fills this field).
          ...(fields["cf-turnstile-response"] ? { turnstileToken: fields["cf-turnstile-response"] } : {}),
        }),
      });
      const body: unknown = await response.json().catch(() => undefined);
      if (response.status === 201 && typeof (body as { checkoutUrl?: unknown })?.checkoutUrl === "string") {
        window.location.assign((body as { checkoutUrl: string }).checkoutUrl);
        return;
      }
      setBusy(false);
      // A Turnstile token is good for one try: a refused attempt needs a fresh one.
      (window as { turnstile?: { reset(): void } }).turnstile?.reset();
      const error = isApiError(body) ? body : { message: networkError };
      const shown = island.issuesOfRefusal?.(response.status, body) ?? error.details ?? [];
      showIssues(summaryHeading(shown, error.message), shown);
    } catch {
      setBusy(false);
      showIssues(networkError, []);
    }
  });
}
