import { describe, expect, it } from "vitest";
import { RewardkitError } from "../core/index.js";
import { checkJsonBody } from "./json-check.js";

/** `levels` arrays inside one another under `samples[1].meta.deep`. */
function nested(levels: number): unknown {
  let inner: unknown = "bottom";
  for (let level = 0; level < levels; level++) inner = [inner];
  return { samples: [{ completion: "a" }, { completion: "b", meta: { deep: inner } }] };
}

function refusal(body: unknown, maxDepth: number): RewardkitError {
  try {
    checkJsonBody(body, maxDepth);
  } catch (error) {
    if (error instanceof RewardkitError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("checkJsonBody", () => {
  it("refuses nesting beyond the limit naming the way there, the same on the recursive and the iterative walk", () => {
    // body → samples → [1] → meta → deep: depth 5 holds the first array.
    const body = nested(10);
    expect(() => checkJsonBody(body, 14)).not.toThrow();
    const recursive = refusal(nested(10), 8); // limits up to 1000 recurse
    expect(recursive.message).toBe("JSON nested deeper than 8 levels");
    expect(recursive.path).toBe("samples[1].meta.deep[0][0][0][0]");
    const deepBody = nested(1100);
    const iterative = refusal(deepBody, 1002); // beyond 1000, iteratively
    expect(iterative.message).toBe("JSON nested deeper than 1002 levels");
    expect(iterative.path).toBe("samples[1].meta.deep[0][0].…[0][0][0]");
    expect(refusal(nested(1100), 13).path).toBe("samples[1].meta.deep[0][0].…[0][0][0]");
    expect(() => checkJsonBody(deepBody, 2000)).not.toThrow();
  });

  it("drops __proto__ keys at any depth on both walks", () => {
    for (const maxDepth of [64, 5000]) {
      const body = JSON.parse(
        '{"__proto__": {"a": 1}, "samples": [{"completion": "x", "meta": {"__proto__": {"polluted": true}, "keep": 1}}]}',
      );
      checkJsonBody(body, maxDepth);
      expect(Object.hasOwn(body, "__proto__")).toBe(false);
      expect(Object.hasOwn(body.samples[0].meta, "__proto__")).toBe(false);
      expect(body.samples[0].meta.keep).toBe(1);
      expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    }
  });
});
