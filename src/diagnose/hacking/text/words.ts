/** Lower-cased word tokens (runs of letters, digits and marks); everything else separates words. */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}\p{M}'_]+/u)
    .filter((word) => word !== "");
}

/**
 * The word n-grams of a token list as compact keys (one character per word id within this call),
 * so that n-grams of two lists compare only when built by the same `ngramKeys` call's `vocabulary`.
 */
export function ngramKeys(tokens: readonly string[], n: number, vocabulary: Map<string, number>): string[] {
  const ids = tokens.map((token) => {
    let id = vocabulary.get(token);
    if (id === undefined) {
      id = vocabulary.size;
      vocabulary.set(token, id);
    }
    return id;
  });
  const out: string[] = [];
  for (let start = 0; start + n <= ids.length; start++) {
    let key = "";
    for (let offset = 0; offset < n; offset++)
      key += String.fromCharCode(((ids[start + offset] as number) % 0xd800) + 1);
    out.push(key);
  }
  return out;
}
