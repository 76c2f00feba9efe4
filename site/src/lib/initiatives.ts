import { getCollection } from "astro:content";

/** Initiatives donors may see: drafts stay in content/ until an editor marks them open. */
export async function publishedInitiatives() {
  const entries = await getCollection("initiatives", (entry) => entry.data.status !== "draft");
  return entries.map((entry) => entry.data).sort((a, b) => b.startDate.localeCompare(a.startDate));
}
