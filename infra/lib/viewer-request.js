// CloudFront Function (cloudfront-js-2.0), viewer request: serves the static site as S3 directory indexes.
// `/` goes to the default locale, `/ar/x/` reads `/ar/x/index.html`, and `/ar/x` (no slash, no extension)
// is redirected to `/ar/x/`, the one URL every page has. Dependency-free: CloudFront runs this file as is,
// after infra/lib/viewer-request.ts fills in the default locale.
const DEFAULT_LOCALE_PATH = "__DEFAULT_LOCALE_PATH__";

// biome-ignore lint/correctness/noUnusedVariables: CloudFront calls handler by name.
function handler(event) {
  const request = event.request;
  const uri = request.uri;
  if (uri === "/") return redirect(302, DEFAULT_LOCALE_PATH, request.querystring);
  if (uri.endsWith("/")) {
    request.uri = `${uri}index.html`;
    return request;
  }
  const lastSegment = uri.substring(uri.lastIndexOf("/") + 1);
  if (!lastSegment.includes(".")) return redirect(301, `${sameSitePath(uri)}/`, request.querystring);
  return request;
}

// `//evil.example/x` or `/\evil.example/x` as a Location would send the browser to another host: one
// leading slash, always.
function sameSitePath(uri) {
  return `/${uri.replace(/^[/\\]+/, "")}`;
}

function redirect(statusCode, location, querystring) {
  // Plain `for` and `for-in` loops: the CloudFront Functions runtime has no `for-of`.
  const parts = [];
  for (const name in querystring || {}) {
    const param = querystring[name];
    const entries = param.multiValue || [param];
    for (let i = 0; i < entries.length; i++) {
      parts.push(entries[i].value === "" ? name : `${name}=${entries[i].value}`);
    }
  }
  return {
    statusCode,
    statusDescription: statusCode === 301 ? "Moved Permanently" : "Found",
    headers: { location: { value: parts.length > 0 ? `${location}?${parts.join("&")}` : location } },
  };
}
