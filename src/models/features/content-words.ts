/**
 * Content words of a text: lower-cased words of three or more letters that are not English function
 * words. What the grounded domain features (#37) compare between a source and a response.
 */
const functionWords = new Set(
  (
    "the and for are but not you all any can had her was one our out has have him his how its may new now " +
    "off own say she too use who why yes yet did does done each from into just more most much must only " +
    "other over same some such than that them then there these they this those very what when where which " +
    "while will with would could should about above after again also been before being below between both " +
    "down during few further here once under until upon your yours their theirs ours were is it of to in on " +
    "at by as or an be if so do no up we us my me he"
  ).split(" "),
);

/** Each content word of `text` with how often it occurs. */
export function contentWordCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const match of text.toLowerCase().matchAll(/[a-z][a-z'-]{2,}/g)) {
    const word = match[0];
    if (functionWords.has(word)) continue;
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}

/**
 * Of the source's salient content words (those it uses at least `minCount` times), the share the
 * response mentions; 0 when the source has none.
 */
export function sourceCoverage(source: string, response: string, minCount: number): number {
  const salient = [...contentWordCounts(source)]
    .filter(([, count]) => count >= minCount)
    .map(([word]) => word);
  if (salient.length === 0) return 0;
  const said = contentWordCounts(response);
  return salient.filter((word) => said.has(word)).length / salient.length;
}

/** Of the response's content words (each counted once), the share the source never uses; 0 for none. */
export function unsupportedShare(source: string, response: string): number {
  const said = [...contentWordCounts(response).keys()];
  if (said.length === 0) return 0;
  const known = contentWordCounts(source);
  return said.filter((word) => !known.has(word)).length / said.length;
}
