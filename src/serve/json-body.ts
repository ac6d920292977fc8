import { randomBytes } from "node:crypto";
import { RewardkitError } from "../core/index.js";
import { type NonFiniteInput, replaceNonFiniteTokens } from "./non-finite.js";

/** A parsed body, and where it held `NaN`/`Infinity`/`-Infinity` (Python's json.dumps writes them). */
export interface ParsedJsonBody {
  value: unknown;
  nonFinite: readonly NonFiniteInput[];
}

const none: readonly NonFiniteInput[] = [];

/**
 * Parses a request body as JSON, with the parser's own words for where it broke. (`__proto__` keys
 * are dropped afterwards by `checkJsonBody`, in the walk that checks nesting: scanning the text for
 * them would cost a quarter of the parse, and would miss an escaped `\u005f_proto__`.)
 *
 * Python's `json.dumps` writes float('nan') and float('inf') as the bare tokens `NaN`, `Infinity`
 * and `-Infinity`, which JSON does not have; verl's and OpenRLHF's clients send them when a ground
 * truth holds one. The fast path is plain `JSON.parse`; only a body it refuses is scanned for those
 * tokens (outside strings) and parsed again, and the places they stood are reported so the routes
 * can refuse just the samples that hold them.
 */
export function parseJsonBody(text: string): ParsedJsonBody {
  if (text.trim() === "")
    throw new RewardkitError("BAD_REQUEST", "the body is empty; send a JSON object", { path: "body" });
  try {
    return { value: JSON.parse(text), nonFinite: none };
  } catch (error) {
    const tolerant = parseWithNonFinite(text);
    if (tolerant) return tolerant;
    throw new RewardkitError("BAD_REQUEST", `the body is not valid JSON: ${(error as Error).message}`, {
      path: "body",
    });
  }
}

/** A string no client sends, standing in for a token during the second parse: NUL and a random tag. */
const marker = `\u0000rewardkit-non-finite-${randomBytes(8).toString("hex")}:`;

function parseWithNonFinite(text: string): ParsedJsonBody | undefined {
  const rewritten = replaceNonFiniteTokens(text, JSON.stringify(marker).slice(1, -1));
  if (!rewritten) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(rewritten.text);
  } catch {
    return undefined;
  }
  const found: NonFiniteInput[] = [];
  value = restore(value, marker, rewritten.count, found);
  return { value, nonFinite: found };
}

const numbers = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  "-Infinity": Number.NEGATIVE_INFINITY,
};

/** One object or array still to visit; its path is rebuilt from the parents only for a find. */
interface Pending {
  value: Record<string | number, unknown>;
  parent: Pending | undefined;
  key: string | number;
}

/** Puts the numbers back where the markers stand (iteratively: bodies may be deep), noting each place. */
function restore(root: unknown, marker: string, count: number, found: NonFiniteInput[]): unknown {
  const token = (value: unknown) =>
    typeof value === "string" && value.startsWith(marker)
      ? (value.slice(marker.length) as keyof typeof numbers)
      : undefined;
  const rootToken = token(root);
  if (rootToken) {
    found.push({ path: [], token: rootToken });
    return numbers[rootToken];
  }
  const stack: Pending[] = [];
  if (typeof root === "object" && root !== null)
    stack.push({ value: root as Record<string, unknown>, parent: undefined, key: "" });
  const visit = (pending: Pending, key: string | number) => {
    const child = pending.value[key];
    const childToken = token(child);
    if (childToken) {
      pending.value[key] = numbers[childToken];
      found.push({ path: [...pathOf(pending), key], token: childToken });
    } else if (typeof child === "object" && child !== null) {
      stack.push({ value: child as Record<string, unknown>, parent: pending, key });
    }
  };
  while (stack.length > 0 && found.length < count) {
    const pending = stack.pop() as Pending;
    if (Array.isArray(pending.value)) {
      for (let index = 0; index < pending.value.length; index++) visit(pending, index);
    } else {
      for (const key in pending.value) visit(pending, key);
    }
  }
  return root;
}

function pathOf(pending: Pending): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at: Pending | undefined = pending; at?.parent; at = at.parent) path.unshift(at.key);
  return path;
}
