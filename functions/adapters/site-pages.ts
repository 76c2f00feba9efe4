/**
 * The built site's pages a function serves itself: the 404 page, when CloudFront falls back to the API for
 * a path the site's bucket does not hold. In AWS it is read from that bucket (so a content-only deploy
 * updates it too) and kept for five minutes; locally, from site/dist.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";

export const NOT_FOUND_PAGE = "404.html";

export interface SitePages {
  notFound(): Promise<string>;
}

const KEEP_MS = 5 * 60 * 1000;

export function createS3SitePages(
  bucket: string,
  client: Pick<S3Client, "send"> = new S3Client({}),
  now: () => number = Date.now,
): SitePages {
  let kept: { html: string; until: number } | undefined;
  return {
    async notFound() {
      if (kept && kept.until > now()) return kept.html;
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: NOT_FOUND_PAGE }));
      const html = (await object.Body?.transformToString("utf-8")) ?? "";
      kept = { html, until: now() + KEEP_MS };
      return html;
    },
  };
}

export function createFileSitePages(siteDir: string): SitePages {
  return { notFound: () => readFile(join(siteDir, NOT_FOUND_PAGE), "utf8") };
}
