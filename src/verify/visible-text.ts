import { z } from "zod";

/**
 * Characters that render as nothing (Unicode's Default_Ignorable_Code_Point: zero-width spaces and
 * joiners, word joiner, soft hyphen, BOM, bidirectional controls, variation selectors, tag
 * characters, Hangul fillers). A policy can pad an "empty" field with them or split a word a
 * filter looks for ("sor\u200Bry") without changing what a reader sees.
 */
const invisible = /\p{Default_Ignorable_Code_Point}/gu;

/** Fullwidth ASCII (U+FF01–U+FF5E), which reads as ASCII: `＜answer＞`, `ｓｏｒｒｙ`. */
const fullwidth = /[\uFF01-\uFF5E]/g;

/**
 * Cyrillic and Greek letters drawn like Latin ones (from Unicode's confusables.txt, the single
 * letters of the Latin skeleton). Applied only inside words that mix them with Latin letters (UTS
 * #39's mixed-script rule), so text written in Cyrillic or Greek is left alone.
 */
const lookalikes: Record<string, string> = {
  а: "a",
  в: "B",
  е: "e",
  к: "k",
  м: "M",
  н: "H",
  о: "o",
  р: "p",
  с: "c",
  т: "T",
  у: "y",
  х: "x",
  ѕ: "s",
  і: "i",
  ј: "j",
  һ: "h",
  ԁ: "d",
  ԛ: "q",
  ԝ: "w",
  ӏ: "l",
  А: "A",
  В: "B",
  Е: "E",
  К: "K",
  М: "M",
  Н: "H",
  О: "O",
  Р: "P",
  С: "C",
  Т: "T",
  Х: "X",
  Ѕ: "S",
  І: "I",
  Ј: "J",
  α: "a",
  ο: "o",
  ρ: "p",
  ν: "v",
  υ: "u",
  ι: "i",
  κ: "k",
  τ: "t",
  Α: "A",
  Β: "B",
  Ε: "E",
  Ζ: "Z",
  Η: "H",
  Ι: "I",
  Κ: "K",
  Μ: "M",
  Ν: "N",
  Ο: "O",
  Ρ: "P",
  Τ: "T",
  Υ: "Y",
  Χ: "X",
};
const lookalikeClass = new RegExp(`[${Object.keys(lookalikes).join("")}]`, "u");
const mixedWord = /[\p{L}\p{M}]+/gu;

/**
 * The text as a reader sees it: invisible characters removed, fullwidth ASCII read as ASCII, and
 * Cyrillic/Greek lookalike letters inside otherwise-Latin words read as Latin. Format rules score
 * this, so a check cannot be passed (or a forbidden word smuggled past a negated pattern) with
 * characters no reader would notice.
 */
export function visibleText(text: string): string {
  // Every character the three rules touch is outside ASCII: most model output is ASCII and is read
  // as it is, without three Unicode scans (a quarter of the reward server's scoring time). Text is
  // ASCII exactly when its UTF-8 length is its length (anything else takes 2–4 bytes a character);
  // V8 answers that natively, ~4× faster than a regex scan for a non-ASCII character.
  if (Buffer.byteLength(text, "utf8") === text.length) return text;
  let out = text.replace(invisible, "");
  out = out.replace(fullwidth, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0));
  if (!lookalikeClass.test(out)) return out;
  return out.replace(mixedWord, (word) =>
    /[A-Za-z]/.test(word) && lookalikeClass.test(word)
      ? word.replace(new RegExp(lookalikeClass.source, "gu"), (char) => lookalikes[char] ?? char)
      : word,
  );
}

/** How many characters `visibleText` would change or drop (for a reason). */
export function hiddenCharacterCount(text: string): number {
  return (text.match(invisible)?.length ?? 0) + (text.match(fullwidth)?.length ?? 0);
}

/** The `unicode` field of the format rules. */
export const unicodeField = z
  .enum(["visible", "raw"])
  .default("visible")
  .describe(
    "visible: check the text as a reader sees it (invisible characters dropped, fullwidth ASCII and Latin lookalikes inside Latin words read as Latin); raw: the code points as they are.",
  );

/**
 * The text with fenced code blocks (```…```, ~~~…~~~) and inline code spans (`…`) blanked to
 * spaces, so positions are kept: tags quoted inside code are not structure.
 */
export function blankCode(text: string): string {
  const blank = (match: string) => match.replace(/[^\n]/g, " ");
  return text
    .replace(/^[ \t]*(```+|~~~+)[^\n]*\n[\s\S]*?(?:^[ \t]*\1[ \t]*$|(?![\s\S]))/gm, blank)
    .replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, blank);
}
