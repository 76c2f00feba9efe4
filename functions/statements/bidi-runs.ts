import bidiModule, { type Bidi } from "bidi-js";

/**
 * Unicode bidi (UAX #9, by bidi-js) for one line of text, cut into runs a PDF can draw left to right:
 * each run is a stretch of the logical text with one direction and one font. Right-to-left runs stay in
 * logical order, because the font engine (fontkit) shapes Arabic from logical order and lays its glyphs
 * out right to left itself; only the order of the runs, and mirrored brackets, come from here.
 */
// The package is CommonJS whose module.exports is the factory; its types declare an ES default export.
const bidi = (bidiModule as unknown as () => Bidi)();

export type Direction = "ltr" | "rtl";

export interface VisualRun<F extends string> {
  /** What to hand to the font engine: logical order for Arabic, visual order for anything else. */
  text: string;
  font: F;
  rtl: boolean;
}

/** Bidi controls change the levels but draw nothing (fonts have no glyph for them). */
const BIDI_CONTROLS = /[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/;
/** Letters that make fontkit lay a run out right to left by itself (Arabic script). */
const ARABIC_LETTER = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;

/**
 * `fontOf` picks the font for one character (e.g. the Arabic or the Latin cut of a family). Returns the
 * runs in visual order, left to right.
 */
export function visualRuns<F extends string>(
  text: string,
  direction: Direction,
  fontOf: (char: string) => F,
): VisualRun<F>[] {
  if (text.length === 0) return [];
  const embedding = bidi.getEmbeddingLevels(text, direction);
  const mirrored = bidi.getMirroredCharactersMap(text, embedding.levels);
  // Levels are per UTF-16 unit; statements hold no astral characters.
  const units = text.split("");
  const order = units.map((_, index) => index);
  for (const [start, end] of bidi.getReorderSegments(text, embedding) as [number, number][]) {
    const flipped = order.slice(start, end + 1).reverse();
    order.splice(start, flipped.length, ...flipped);
  }

  // A space takes the font of the word before it, so an Arabic phrase stays one run (one shaped string).
  const fonts: F[] = [];
  for (const [index, char] of units.entries()) {
    const previous = fonts[index - 1];
    fonts.push(/\s/.test(char) && previous !== undefined ? previous : fontOf(char));
  }

  const runs: { indices: number[]; font: F; rtl: boolean }[] = [];
  for (const index of order) {
    const char = units[index] as string;
    if (BIDI_CONTROLS.test(char)) continue;
    const rtl = (embedding.levels[index] as number) % 2 === 1;
    const font = fonts[index] as F;
    const last = runs.at(-1);
    const previous = last?.indices.at(-1);
    if (last && last.font === font && last.rtl === rtl && previous === index + (rtl ? 1 : -1)) {
      last.indices.push(index);
    } else {
      runs.push({ indices: [index], font, rtl });
    }
  }

  return runs.map(({ indices, font, rtl }) => {
    const logical = (rtl ? [...indices].reverse() : indices).map((i) => mirrored.get(i) ?? units[i]).join("");
    // fontkit reverses a run only when its script is right to left; neutrals (". - /") at an odd level
    // are put in visual order here instead.
    const text = rtl && !ARABIC_LETTER.test(logical) ? [...logical].reverse().join("") : logical;
    return { text, font, rtl };
  });
}
