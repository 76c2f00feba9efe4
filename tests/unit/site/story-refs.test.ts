import { describe, expect, it } from "vitest";
import { loadContent } from "../../../content/load.ts";
import { latestStories, STORIES_SHOWN, storiesFor } from "../../../content/story-refs.ts";

const latest = latestStories(loadContent().stories);

describe("the stories a donor's dashboard links", () => {
  it("are the latest of the initiatives the donor funded, newest first", () => {
    expect(storiesFor(latest, ["orphans-and-productive-families"]).map((story) => story.slug)).toEqual([
      "sewing-circle-al-aziziyah",
      "first-market-stall",
    ]);
    expect(storiesFor(latest, [])).toEqual([]);
    expect(storiesFor(latest, ["no-such-initiative"])).toEqual([]);
    const all = storiesFor(latest, [...new Set(latest.map((story) => story.initiativeId))]);
    expect(all.length).toBeLessThanOrEqual(STORIES_SHOWN);
    expect(all.map((story) => story.date)).toEqual([...all.map((story) => story.date)].sort().reverse());
  });

  it("link a story written in one language to that language's page from both", () => {
    const [story] = storiesFor(latest, ["orphans-and-productive-families"]);
    expect(story?.url).toEqual({
      ar: "/ar/stories/sewing-circle-al-aziziyah/",
      en: "/ar/stories/sewing-circle-al-aziziyah/",
    });
    expect(story?.title.en).toBe(story?.title.ar);
  });
});
