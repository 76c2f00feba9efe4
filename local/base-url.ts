/**
 * Where the product is served: PUBLIC_BASE_URL in a deployment, else this machine's port (`PORT`, as
 * `npm start` listens on it). The site's build takes its canonical, hreflang and RSS links from here.
 */
export function publicBaseUrl(env: Record<string, string | undefined> = process.env): string {
  return env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT ?? 8787}`;
}
