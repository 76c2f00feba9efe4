/**
 * Page weight of the built site: for every HTML page in the dist directory, the bytes of the HTML itself
 * and of the CSS, JS and fonts it loads, raw and brotli-compressed (quality 11), each file compressed on
 * its own as a CDN would serve it.
 *
 * What counts as loaded by a page:
 * - CSS: `<link rel="stylesheet">` files and the files they `@import`. Inline `<style>` stays in the HTML.
 * - JS: `<script src>`, `<link rel="modulepreload">`, the component and renderer modules of Astro islands
 *   (`<astro-island component-url renderer-url>`), and every module those import statically. Inline
 *   `<script>` stays in the HTML.
 * - Fonts: `<link rel="preload" as="font">` and the fonts that CSS (linked or inline) references with
 *   url(). In an @font-face src list only the first font file counts: that is the one a browser fetches.
 *   Fonts limited by unicode-range are counted even if a page would not need them (an upper bound).
 * Every file counts once per page, however many times the page references it. Absolute http(s) URLs,
 * protocol-relative and data: URLs are ignored (they are not part of the site).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { type Bytes, sizeOf } from "./stats.ts";

export interface PageWeight {
  /** The page's URL path: "/" for index.html, "/ar/" for ar/index.html, "/404.html" for 404.html. */
  page: string;
  /** The HTML document, inline <style> and <script> included. */
  html: Bytes;
  css: Bytes;
  js: Bytes;
  fonts: Bytes;
  total: Bytes;
  /** Raw bytes of inline <style> and <script> content; already part of `html`, shown for information. */
  inline: { css: number; js: number };
  /** Files loaded by the page, relative to the dist directory, per category. */
  files: { css: string[]; js: string[]; fonts: string[] };
  /** Local references that do not resolve to a file in the dist directory. */
  missing: string[];
}

type Category = "css" | "js" | "fonts";

const FONT_FILE = /\.(woff2?|ttf|otf)$/i;

/** Brotli size with a cache, since pages share most of their assets. */
function createSizer() {
  const cache = new Map<string, Bytes>();
  return {
    ofFile(file: string): Bytes {
      let bytes = cache.get(file);
      if (!bytes) {
        bytes = sizeOf(readFileSync(file));
        cache.set(file, bytes);
      }
      return bytes;
    },
  };
}

function addBytes(a: Bytes, b: Bytes): Bytes {
  return { raw: a.raw + b.raw, brotli: a.brotli + b.brotli };
}

const ZERO: Bytes = { raw: 0, brotli: 0 };

/** Every .html file under dir, relative paths with "/" separators, sorted. */
export function findHtmlFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith(".html"))
        found.push(relative(dir, path).split(sep).join("/"));
    }
  };
  walk(dir);
  return found.sort();
}

/** "index.html" -> "/", "ar/index.html" -> "/ar/", "404.html" -> "/404.html". */
export function pagePath(htmlFile: string): string {
  if (htmlFile === "index.html") return "/";
  if (htmlFile.endsWith("/index.html")) return `/${htmlFile.slice(0, -"index.html".length)}`;
  return `/${htmlFile}`;
}

function decodeEntities(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** Attributes of one start tag (names lower-cased; valueless attributes map to ""). */
export function parseAttributes(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  const body = tag.replace(/^<[a-zA-Z][\w-]*/, "").replace(/\/?>$/, "");
  for (const match of body.matchAll(/([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g)) {
    const name = (match[1] ?? "").toLowerCase();
    if (!attributes.has(name)) attributes.set(name, decodeEntities(match[2] ?? match[3] ?? match[4] ?? ""));
  }
  return attributes;
}

function relTokens(attributes: Map<string, string>): string[] {
  return (attributes.get("rel") ?? "").toLowerCase().split(/\s+/).filter(Boolean);
}

/** True for URLs that point outside the site (or nowhere): those are not counted. */
function isExternal(url: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(url) || url.startsWith("#") || url === "";
}

/**
 * Resolves a URL found in `fromFile` (absolute path) to a file path in distDir: root-relative URLs from
 * the dist root, others from the referencing file's directory. Query and fragment are dropped.
 */
function resolveLocal(distDir: string, fromFile: string, url: string): string | undefined {
  if (isExternal(url)) return undefined;
  let path = url.replace(/[?#].*$/, "");
  try {
    path = decodeURIComponent(path);
  } catch {
    // Keep the raw path if it is not valid percent-encoding.
  }
  return path.startsWith("/") ? join(distDir, path) : resolve(dirname(fromFile), path);
}

function stripCssComments(css: string): string {
  return css.replace(/\/\*[\s\S]*?\*\//g, "");
}

/** url(...) values in a piece of CSS, unquoted. */
function cssUrls(css: string): string[] {
  return [...css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/gi)].map(
    (match) => match[1] ?? match[2] ?? match[3] ?? "",
  );
}

/**
 * Font URLs a stylesheet makes the browser fetch: in each @font-face only the first font file of its src
 * list (the preferred format), elsewhere every url() to a font file.
 */
export function fontUrlsInCss(css: string): string[] {
  const clean = stripCssComments(css);
  const urls: string[] = [];
  const outside = clean.replace(/@font-face\s*\{([^}]*)\}/gi, (_block, body: string) => {
    const first = cssUrls(body).find((url) => FONT_FILE.test(url.replace(/[?#].*$/, "")));
    if (first !== undefined) urls.push(first);
    return "";
  });
  for (const url of cssUrls(outside)) if (FONT_FILE.test(url.replace(/[?#].*$/, ""))) urls.push(url);
  return urls;
}

/** Stylesheets a stylesheet @imports. */
function cssImports(css: string): string[] {
  return [
    ...stripCssComments(css).matchAll(
      /@import\s+(?:url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|"([^"]*)"|'([^']*)')/gi,
    ),
  ].map((match) => match[1] ?? match[2] ?? match[3] ?? match[4] ?? match[5] ?? "");
}

/** Relative or root-relative specifiers a JS module imports statically (dynamic import() is not followed). */
export function staticJsImports(js: string): string[] {
  const specifiers: string[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*)(["'])(\.{0,2}\/[^"'\s]+)\1/g;
  for (const match of js.matchAll(pattern)) if (match[2]) specifiers.push(match[2]);
  return specifiers;
}

/** Measures every HTML page under distDir, sorted by page path. */
export function measurePages(distDir: string): PageWeight[] {
  const root = resolve(distDir);
  const sizer = createSizer();
  return findHtmlFiles(root)
    .map((htmlFile) => measurePage(root, htmlFile, sizer))
    .sort((a, b) => (a.page < b.page ? -1 : a.page > b.page ? 1 : 0));
}

function measurePage(root: string, htmlFile: string, sizer: ReturnType<typeof createSizer>): PageWeight {
  const htmlPath = join(root, htmlFile);
  const html = readFileSync(htmlPath, "utf8");
  const seen = new Set<string>();
  const files: Record<Category, string[]> = { css: [], js: [], fonts: [] };
  const missing: string[] = [];

  /** Adds a file once per page; returns its text when it is newly added (so callers can follow it). */
  const add = (
    category: Category,
    fromFile: string,
    url: string,
    reportMissing = true,
  ): string | undefined => {
    const file = resolveLocal(root, fromFile, url);
    if (!file) return undefined;
    if (!existsSync(file) || !statSync(file).isFile()) {
      if (reportMissing && !missing.includes(url)) missing.push(url);
      return undefined;
    }
    if (seen.has(file)) return undefined;
    seen.add(file);
    files[category].push(relative(root, file).split(sep).join("/"));
    return category === "fonts" ? "" : readFileSync(file, "utf8");
  };

  const addStylesheet = (fromFile: string, url: string) => {
    const css = add("css", fromFile, url);
    if (css === undefined) return;
    const file = resolveLocal(root, fromFile, url) as string;
    for (const imported of cssImports(css)) addStylesheet(file, imported);
    for (const font of fontUrlsInCss(css)) add("fonts", file, font);
  };

  const addModule = (fromFile: string, url: string, reportMissing = true) => {
    const js = add("js", fromFile, url, reportMissing);
    if (js === undefined) return;
    const file = resolveLocal(root, fromFile, url) as string;
    // Guessed from the source text, so a specifier that resolves to nothing is not reported.
    for (const specifier of staticJsImports(js)) addModule(file, specifier, false);
  };

  // Comments can hold markup that the browser never loads.
  const markup = html.replace(/<!--[\s\S]*?-->/g, "");
  const inline = { css: 0, js: 0 };

  // Inline <style>: its bytes are HTML bytes; the fonts it references are loaded like any other.
  for (const match of markup.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi)) {
    const css = match[1] ?? "";
    inline.css += Buffer.byteLength(css);
    for (const font of fontUrlsInCss(css)) add("fonts", htmlPath, font);
  }

  for (const match of markup.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attributes = parseAttributes(`<script${match[1] ?? ""}>`);
    const src = attributes.get("src");
    if (src !== undefined) {
      addModule(htmlPath, src);
    } else {
      const js = match[2] ?? "";
      inline.js += Buffer.byteLength(js);
      if (attributes.get("type") === "module")
        for (const specifier of staticJsImports(js)) addModule(htmlPath, specifier, false);
    }
  }

  // Scripts are matched above; strip them so tag-like text inside them is not read as markup.
  const tagsOnly = markup
    .replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, "")
    .replace(/<style\b[^>]*>[\s\S]*?<\/style\s*>/gi, "");

  for (const match of tagsOnly.matchAll(/<link\b[^>]*>/gi)) {
    const attributes = parseAttributes(match[0]);
    const href = attributes.get("href");
    if (href === undefined) continue;
    const rel = relTokens(attributes);
    if (rel.includes("stylesheet")) addStylesheet(htmlPath, href);
    else if (rel.includes("modulepreload")) addModule(htmlPath, href);
    else if (rel.includes("preload") && attributes.get("as")?.toLowerCase() === "font")
      add("fonts", htmlPath, href);
    else if (rel.includes("preload") && attributes.get("as")?.toLowerCase() === "style")
      addStylesheet(htmlPath, href);
    else if (rel.includes("preload") && attributes.get("as")?.toLowerCase() === "script")
      addModule(htmlPath, href);
  }

  for (const match of tagsOnly.matchAll(/<astro-island\b[^>]*>/gi)) {
    const attributes = parseAttributes(match[0]);
    for (const name of ["component-url", "renderer-url"]) {
      const url = attributes.get(name);
      if (url) addModule(htmlPath, url);
    }
  }

  const sum = (category: Category) =>
    files[category].reduce((total, file) => addBytes(total, sizer.ofFile(join(root, file))), ZERO);
  const weights = { html: sizeOf(html), css: sum("css"), js: sum("js"), fonts: sum("fonts") };
  return {
    page: pagePath(htmlFile),
    ...weights,
    total: [weights.html, weights.css, weights.js, weights.fonts].reduce(addBytes, ZERO),
    inline,
    files,
    missing,
  };
}
