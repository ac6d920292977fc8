/**
 * Unit words a final answer may carry after its number ("15 cm", "3 hours", "$20 dollars").
 * They are dropped only at the end of an answer element and only after a number or a closing
 * brace, so `2m` as an expression stays an expression when the unit could be a variable.
 */
const unitWords = [
  // length, area, volume
  "mm",
  "cm",
  "dm",
  "m",
  "km",
  "meter",
  "metre",
  "inch",
  "inches",
  "in",
  "ft",
  "feet",
  "foot",
  "yd",
  "yard",
  "mile",
  "mi",
  "sq",
  "square",
  "cubic",
  "cu",
  "acre",
  "hectare",
  "liter",
  "litre",
  "l",
  "ml",
  "gallon",
  "gal",
  "quart",
  "pint",
  "cup",
  "ounce",
  "oz",
  // mass
  "mg",
  "g",
  "gram",
  "kg",
  "kilogram",
  "lb",
  "lbs",
  "pound",
  "ton",
  // time
  "s",
  "sec",
  "second",
  "min",
  "minute",
  "h",
  "hr",
  "hour",
  "day",
  "week",
  "month",
  "year",
  "yr",
  "am",
  "pm",
  // speed
  "mph",
  "kmh",
  "kmph",
  // money
  "dollar",
  "cent",
  "euro",
  "rupee",
  "rs",
  "yen",
  // angles
  "degree",
  "deg",
  "radian",
  "rad",
  // counted things common in word problems
  "unit",
  "point",
  "student",
  "people",
  "person",
  "child",
  "children",
  "apple",
  "ticket",
  "page",
  "book",
  "box",
  "car",
  "coin",
  "egg",
  "marble",
  "cookie",
  "ball",
  "way",
  "time",
  "step",
  "piece",
  "tile",
  "game",
  "digit",
  "number",
  "integer",
];

const unitSet = new Set(unitWords);

/** Whether a word is a unit, singular or plural ("cm", "hours", "inches"). */
export function isUnitWord(word: string): boolean {
  const lower = word.toLowerCase();
  return unitSet.has(lower) || unitSet.has(lower.replace(/e?s$/, ""));
}

const unitPattern = unitWords
  .slice()
  .sort((a, b) => b.length - a.length)
  .join("|");

/** A unit (optionally plural, optionally squared/cubed) closing an element: `12 cm^2`, `3 hours.` */
const trailingUnit = new RegExp(
  `(\\d|\\}|\\s)\\s*(?:${unitPattern})(?:s|es)?(?:\\/(?:${unitPattern}))?\\.?(?:\\^\\{?[23]\\}?)?\\s*$`,
  "i",
);

/** `\text{ cm}^2` or `\mbox{dollars}` closing an element. */
const trailingTextCommand = /\\text\{[^{}]*\}(?:\^\{?\d\}?)?\s*$/;

/**
 * Words after a number are what it counts (`12 tomatoes`, `4 red shoe boxes`): up to three
 * lowercase words of three letters or more, none of them a function name.
 */
const countedThings = /^(-?\d+(?:\.\d+)?)\s+(?:[a-z]{3,}\s*){1,3}$/;

/** Removes a trailing unit from one answer element, keeping anything that is not a unit. */
export function stripTrailingUnits(element: string): string {
  const counted = countedThings.exec(element);
  if (counted && !/\b(?:sin|cos|tan|log|exp|sqrt|and|or|pi)\b/.test(element)) return counted[1] as string;
  let text = element;
  for (let round = 0; round < 2; round++) {
    const withoutText = text.replace(trailingTextCommand, "").trim();
    if (withoutText !== "" && withoutText !== text && !withoutText.endsWith("\\")) text = withoutText;
    const withoutWord = text.replace(trailingUnit, "$1").trim();
    if (withoutWord !== "" && withoutWord !== text) text = withoutWord;
  }
  return text;
}
