/**
 * The value of a simple answer, computed here (not by the verifier under test): integers,
 * decimals, `\frac{a}{b}`, `a\sqrt{b}`, `\frac{a\sqrt{b}}{c}`, `a\pi`, `\frac{a\pi}{b}`, with a sign.
 */
export function simpleValue(answer: string): number | undefined {
  const text = answer.replace(/\\[dt]frac/g, "\\frac").replace(/\s+/g, "");
  const sign = text.startsWith("-") ? -1 : 1;
  const body = text.replace(/^-/, "");
  const forms: [RegExp, (m: RegExpExecArray) => number][] = [
    [/^(\d+(?:\.\d+)?)$/, (m) => Number(m[1])],
    [/^\\frac\{(\d+)\}\{(\d+)\}$/, (m) => Number(m[1]) / Number(m[2])],
    [/^(\d*)\\sqrt\{?(\d+)\}?$/, (m) => Number(m[1] || 1) * Math.sqrt(Number(m[2]))],
    [
      /^\\frac\{(\d*)\\sqrt\{?(\d+)\}?\}\{(\d+)\}$/,
      (m) => (Number(m[1] || 1) * Math.sqrt(Number(m[2]))) / Number(m[3]),
    ],
    [/^(\d*)\\pi$/, (m) => Number(m[1] || 1) * Math.PI],
    [/^\\frac\{(\d*)\\pi\}\{(\d+)\}$/, (m) => (Number(m[1] || 1) * Math.PI) / Number(m[2])],
  ];
  for (const [pattern, value] of forms) {
    const match = pattern.exec(body);
    if (match) return sign * value(match);
  }
  return undefined;
}

/** `\frac{a}{b}` (or `-\frac{a}{b}`, `\dfrac`) as integers, or undefined. */
export function fraction(
  answer: string,
): { sign: number; numerator: number; denominator: number } | undefined {
  const match = /^(-?)\\[dt]?frac\{(\d+)\}\{(\d+)\}$/.exec(answer.replace(/\s+/g, ""));
  if (!match) return undefined;
  return { sign: match[1] === "-" ? -1 : 1, numerator: Number(match[2]), denominator: Number(match[3]) };
}

/** Whether a value has a finite decimal expansion within `places` places. */
export function terminates(value: number, places: number): boolean {
  const scaled = value * 10 ** places;
  return Math.abs(scaled - Math.round(scaled)) < 1e-7;
}

/** Rounded half away from zero to `places`, written with exactly that many places. */
export function rounded(value: number, places: number): string {
  const scale = 10 ** places;
  const magnitude = Math.round(Math.abs(value) * scale) / scale;
  return `${value < 0 ? "-" : ""}${magnitude.toFixed(places)}`;
}

export function gcd(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : gcd(b, a % b);
}

/** A different digit at the last digit of a text (`\frac{3}{4}` → `\frac{3}{5}`): a different value. */
export function bumpLastDigit(text: string): string | undefined {
  const match = /(\d)(?=\D*$)/.exec(text);
  if (!match) return undefined;
  const digit = (Number(match[1]) + 1) % 10;
  return `${text.slice(0, match.index)}${digit}${text.slice(match.index + 1)}`;
}

/** Small integers in words, for the number-words rewrite. */
export function inWords(value: number): string | undefined {
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
  if (!Number.isInteger(value) || value < 0 || value >= 100) return undefined;
  if (value < 20) return units[value];
  const rest = value % 10;
  return `${tens[Math.floor(value / 10)]}${rest === 0 ? "" : `-${units[rest]}`}`;
}
