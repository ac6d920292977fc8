const units = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
const tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const scales: Record<string, number> = {
  hundred: 100,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
};

function wordValue(word: string): number | undefined {
  const unit = units.indexOf(word);
  if (unit >= 0) return unit;
  const ten = tens.indexOf(word);
  return ten >= 2 ? ten * 10 : undefined;
}

/**
 * A whole answer written in words, as digits: "five" → 5, "twenty-one" → 21, "three hundred
 * and two" → 302, "1.5 million" → 1500000. Anything else is returned unchanged.
 */
export function numberFromWords(text: string): string {
  if (!/[a-z]{3}/i.test(text)) return text;
  const lower = text
    .trim()
    .replace(/^\\text\{([^{}]*)\}$/, "$1")
    .replace(/\\text\{\s*(thousand|million|billion|trillion)\s*\}/, " $1")
    .trim()
    .toLowerCase()
    .replace(/\.$/, "");
  const scaled = /^(-?\d+(?:\.\d+)?)\s*(thousand|million|billion|trillion)$/.exec(lower);
  if (scaled) return String(Number(scaled[1]) * (scales[scaled[2] as string] as number));
  if (!/^[a-z\s-]+$/.test(lower)) return text;
  let total = 0;
  let current = 0;
  let words = 0;
  for (const word of lower.split(/[\s-]+/)) {
    if (word === "and") continue;
    const value = wordValue(word);
    const scale = scales[word];
    if (value !== undefined) current += value;
    else if (scale === 100) current = (current || 1) * 100;
    else if (scale !== undefined) {
      total += (current || 1) * scale;
      current = 0;
    } else return text;
    words++;
  }
  return words === 0 ? text : String(total + current);
}
