/**
 * `{,}` between digits, as LaTeX writes both separators: three digits after it (`1{,}000`) are a
 * thousands group, anything else (`2{,}5`) a decimal comma.
 */
export function latexCommaGroups(text: string): string {
  if (!text.includes("{,}")) return text;
  return text.replace(/(\d)\s*\{\s*,\s*\}\s*(\d+)/g, (_match, before: string, after: string) =>
    after.length === 3 ? `${before}${after}` : `${before}.${after}`,
  );
}

/**
 * A whole answer written with a decimal comma, as the decimal it means: `2,5` → 2.5,
 * `1.234,5` or `1 234,5` → 1234.5. `1,234` (three digits after the comma) stays a thousands
 * separator, and anything that is not a single number is left alone.
 */
export function readDecimalComma(text: string): string {
  const trimmed = text.trim();
  if (/^-?\d+,(?:\d{1,2}|\d{4,})$/.test(trimmed)) return trimmed.replace(",", ".");
  const grouped = /^(-?\d{1,3}(?:[. ]\d{3})+),(\d+)$/.exec(trimmed);
  if (grouped) return `${(grouped[1] as string).replace(/[. ]/g, "")}.${grouped[2]}`;
  return text;
}
