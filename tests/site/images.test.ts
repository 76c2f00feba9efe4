import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** Images in the built site (site/dist, built by `npm test` before the tests run). */
const DIST = new URL("../../site/dist/", import.meta.url).pathname;
const pages = existsSync(DIST)
  ? readdirSync(DIST, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".html"))
      .map((file) => ({ file, html: readFileSync(join(DIST, file), "utf8") }))
  : [];
const images = pages.flatMap(({ file, html }) =>
  [...html.matchAll(/<img\b[^>]*>/g)].map((m) => ({ file, tag: m[0] })),
);

describe("images on the built site", () => {
  it("all declare width and height, so nothing shifts while they load", () => {
    expect(images.length).toBeGreaterThan(20);
    const missing = images.filter(({ tag }) => !/\swidth="\d+"/.test(tag) || !/\sheight="\d+"/.test(tag));
    expect(missing.map(({ file, tag }) => `${file}: ${tag}`)).toEqual([]);
  });

  it("serve photos as AVIF and WebP at several widths", () => {
    const pictures = pages.flatMap(({ file, html }) =>
      [...html.matchAll(/<picture>([\s\S]*?)<\/picture>/g)].map((m) => ({ file, inner: m[1] ?? "" })),
    );
    expect(pictures.length).toBeGreaterThan(0);
    for (const { file, inner } of pictures) {
      expect(inner, file).toMatch(/<source srcset="[^"]+\.avif 400w, [^"]+ 800w[^"]*" type="image\/avif"/);
      expect(inner, file).toMatch(/<source srcset="[^"]+\.webp 400w[^"]*" type="image\/webp"/);
    }
    // Every raster image is inside a <picture>: none is sent only as the original file.
    const rasterOutside = pages.flatMap(({ file, html }) =>
      [
        ...html.replace(/<picture>[\s\S]*?<\/picture>/g, "").matchAll(/<img\b[^>]*src="[^"]+\.(jpe?g|png)"/g),
      ].map(() => file),
    );
    expect(rasterOutside).toEqual([]);
  });
});
