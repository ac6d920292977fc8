import { RewardkitError } from "../core/index.js";

/**
 * Parses a request body as JSON, with the parser's own words for where it broke. (`__proto__` keys
 * are dropped afterwards by `checkJsonBody`, in the walk that checks nesting: scanning the text for
 * them would cost a quarter of the parse, and would miss an escaped `\u005f_proto__`.)
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === "")
    throw new RewardkitError("BAD_REQUEST", "the body is empty; send a JSON object", { path: "body" });
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RewardkitError("BAD_REQUEST", `the body is not valid JSON: ${(error as Error).message}`, {
      path: "body",
    });
  }
}
