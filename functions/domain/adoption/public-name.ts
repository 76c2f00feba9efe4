/**
 * How an adopter who agreed to be named, without giving a name of their own, is thanked in public: the
 * first name whole and the family name's initial ("Fatimah A.", «عبدالله ش.»). Arabic names need more than
 * the first letter of the second word: a first name may be two words (عبد الله, أبو بكر), a family name
 * starts with the article ال or with آل, and بن/بنت link to the father's name, whose initial is wanted.
 */

/** First words that make a compound first name with the word after them (عبد الله, أبو بكر, أم كلثوم). */
const COMPOUND_FIRST = new Set(["عبد", "أبو", "ابو", "أبي", "ابي", "أم", "ام", "abd", "abdul", "abu", "umm"]);
/** Words that link to the next name (the father's, the family's) and carry no initial of their own. */
const LINKS = new Set(["بن", "بنت", "ابن", "آل", "ال", "bin", "bint", "ibn", "al", "el"]);

/** The first letter that names the family: after the article (الشهري → ش, Al-Otaibi → O). */
function initialOf(word: string): string {
  const bare = word.replace(/^(?:ال|آل)(?=\p{L}{2})/u, "").replace(/^(?:al|el)-(?=\p{L})/iu, "");
  return bare.charAt(0).toLocaleUpperCase();
}

export function publicName(fullName: string): string {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  const firstLength = words.length >= 2 && COMPOUND_FIRST.has((words[0] ?? "").toLowerCase()) ? 2 : 1;
  const first = words.slice(0, firstLength).join(" ");
  const family = words.slice(firstLength).find((word) => !LINKS.has(word.toLowerCase()));
  return family ? `${first} ${initialOf(family)}.` : first;
}
