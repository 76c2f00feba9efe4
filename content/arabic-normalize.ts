/**
 * Folds the spellings Arabic writers use interchangeably, so a search finds "مبادرة" when typed "مبادره"
 * and "الأيتام" when typed "الايتام": the index and every query go through the same folding.
 */
const TASHKEEL_AND_TATWEEL = /[\u064B-\u065F\u0670\u0640]/g;

export function normalizeArabic(text: string): string {
  return text
    .normalize("NFC")
    .replace(TASHKEEL_AND_TATWEEL, "")
    .replace(/[أإآٱ]/g, "ا")
    .replace(/ى/g, "ي")
    .replace(/ة/g, "ه")
    .replace(/ؤ/g, "و")
    .replace(/ئ/g, "ي")
    .replace(/ء/g, "")
    .replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (digit) => String(digit.charCodeAt(0) - 0x06f0))
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
