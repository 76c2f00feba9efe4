/**
 * The search page's island: folds the query as the index was folded (content/arabic-normalize.ts) and
 * asks Pagefind (site/dist/pagefind, written by scripts/build-search.ts) for the page's language.
 */
import { normalizeArabic } from "../../../content/arabic-normalize.ts";

interface PagefindResult {
  data(): Promise<{ url: string; meta: { title?: string; summary?: string; kind?: string } }>;
}
interface Pagefind {
  search(query: string): Promise<{ results: PagefindResult[] } | null>;
}

const fill = (template: string, count: number) =>
  template.replace("{count}", new Intl.NumberFormat().format(count));

export function startSearch(): void {
  const root = document.querySelector<HTMLElement>("[data-search]");
  const input = root?.querySelector<HTMLInputElement>("[data-search-input]");
  const status = root?.querySelector<HTMLElement>("[data-search-status]");
  const list = root?.querySelector<HTMLElement>("[data-search-results]");
  const form = root?.querySelector("form");
  if (!root || !input || !status || !list || !form) return;
  const strings = JSON.parse(root.dataset.strings ?? "{}") as Record<string, string>;
  let pagefind: Promise<Pagefind> | undefined;
  const load = () => {
    // The bundle lives in the built site, not in the source tree, so Vite must leave the import alone.
    pagefind ??= import(/* @vite-ignore */ `${"/pagefind/pagefind.js"}`) as Promise<Pagefind>;
    return pagefind;
  };

  let latest = 0;
  const run = async (text: string) => {
    const query = normalizeArabic(text);
    const url = new URL(window.location.href);
    if (query) url.searchParams.set("q", text);
    else url.searchParams.delete("q");
    history.replaceState(null, "", url);
    if (!query) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    const ticket = ++latest;
    status.textContent = strings.loading ?? "";
    const found = await (await load()).search(query);
    const results = await Promise.all((found?.results ?? []).slice(0, 10).map((result) => result.data()));
    if (ticket !== latest) return;
    list.replaceChildren(
      ...results.map((result) => {
        const item = document.createElement("li");
        const kind = document.createElement("span");
        kind.className = "badge";
        kind.textContent = strings[result.meta.kind ?? ""] ?? "";
        const link = document.createElement("a");
        link.href = result.url;
        link.textContent = result.meta.title ?? result.url;
        const summary = document.createElement("p");
        summary.textContent = result.meta.summary ?? "";
        item.append(kind, " ", link, summary);
        return item;
      }),
    );
    status.textContent =
      results.length > 0 ? fill(strings.results ?? "", found?.results.length ?? 0) : (strings.none ?? "");
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(input.value), 200);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(input.value);
  });
  const initial = new URLSearchParams(window.location.search).get("q") ?? "";
  if (initial) {
    input.value = initial;
    run(initial);
  }
}
