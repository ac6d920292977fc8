import { formatPath, RewardkitError } from "../core/index.js";

/** Where a request body held a bare `NaN`, `Infinity` or `-Infinity`. */
export interface NonFiniteInput {
  readonly path: readonly (string | number)[];
  readonly token: "NaN" | "Infinity" | "-Infinity";
}

const tokens = ["NaN", "Infinity", "-Infinity"] as const;

/**
 * The text with every bare `NaN`/`Infinity`/`-Infinity` outside strings replaced by the string
 * `"<marker><token>"` (`marker` already escaped for JSON); undefined when there is none.
 */
export function replaceNonFiniteTokens(
  text: string,
  marker: string,
): { text: string; count: number } | undefined {
  if (!text.includes("NaN") && !text.includes("Infinity")) return undefined;
  let out = "";
  let copied = 0;
  let count = 0;
  let at = 0;
  while (at < text.length) {
    // Between strings: look for the tokens; then jump over the next string, escapes included.
    const quote = text.indexOf('"', at);
    const end = quote < 0 ? text.length : quote;
    for (let index = at; index < end; index++) {
      const code = text.charCodeAt(index);
      if (code !== 78 && code !== 73 && code !== 45) continue; // N, I, -
      const token = tokens.find((candidate) => text.startsWith(candidate, index));
      if (!token) continue;
      out += `${text.slice(copied, index)}"${marker}${token}"`;
      index += token.length - 1;
      copied = index + 1;
      count++;
    }
    if (quote < 0) break;
    at = closingQuote(text, quote) + 1;
  }
  return count === 0 ? undefined : { text: out + text.slice(copied), count };
}

/** The index of the quote closing the string that opens at `open` (text.length when unclosed). */
function closingQuote(text: string, open: number): number {
  let at = open;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
}

/** What `refusedForNonFinite` gives a body without Python's tokens (most bodies): nothing refused. */
const noneRefused: ReadonlyMap<number, RewardkitError> = new Map();

/**
 * The samples a body's non-finite numbers belong to, each with an INPUT_INVALID error naming the
 * field; `sampleOf` maps a place in the body to its sample's index (undefined: not inside a sample).
 * A non-finite number outside every sample is the whole request's fault: BAD_REQUEST.
 */
export function refusedForNonFinite(
  inputs: readonly NonFiniteInput[] | null,
  sampleOf: (path: readonly (string | number)[]) => number | undefined,
): ReadonlyMap<number, RewardkitError> {
  // Most bodies hold no token: nothing to allocate.
  if (!inputs || inputs.length === 0) return noneRefused;
  const refused = new Map<number, RewardkitError>();
  for (const input of inputs) {
    const path = formatPath(input.path) || "body";
    const index = sampleOf(input.path);
    if (index === undefined) {
      throw new RewardkitError("BAD_REQUEST", `${input.token} is not a number JSON can carry`, { path });
    }
    if (refused.has(index)) continue;
    refused.set(
      index,
      new RewardkitError(
        "INPUT_INVALID",
        `${input.token} is not a finite number (Python's json.dumps writes float('nan') and float('inf') this way); this sample is not scored`,
        { path },
      ),
    );
  }
  return refused;
}

/** `sampleOf` for bodies with one array entry per sample (`labels`, `ground_truths`, `samples`). */
export function perSampleArrays(names: readonly string[]) {
  return (path: readonly (string | number)[]): number | undefined =>
    typeof path[0] === "string" && names.includes(path[0]) && typeof path[1] === "number"
      ? path[1]
      : undefined;
}
