import { describe, expect, it } from "vitest";
import { parseJsonBody } from "./json-body.js";

describe("parseJsonBody", () => {
  it("parses standard JSON on the fast path, with nothing to report", () => {
    expect(parseJsonBody('{"a": [1, "NaN", "Infinity"]}')).toEqual({
      value: { a: [1, "NaN", "Infinity"] },
      nonFinite: [],
    });
  });

  it("accepts Python's NaN, Infinity and -Infinity outside strings and says where they were", () => {
    // What json.dumps({"labels": ["4", float("nan")], "x": {"y": [float("inf"), -float("inf")]}, "s": "NaN"}) writes.
    const parsed = parseJsonBody(
      '{"labels": ["4", NaN], "x": {"y": [Infinity, -Infinity]}, "s": "NaN \\" Infinity"}',
    );
    expect(parsed.value).toEqual({
      labels: ["4", Number.NaN],
      x: { y: [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY] },
      s: 'NaN " Infinity',
    });
    expect([...parsed.nonFinite].sort((a, b) => a.path.join().localeCompare(b.path.join()))).toEqual([
      { path: ["labels", 1], token: "NaN" },
      { path: ["x", "y", 0], token: "Infinity" },
      { path: ["x", "y", 1], token: "-Infinity" },
    ]);
    expect(parseJsonBody("NaN")).toEqual({ value: Number.NaN, nonFinite: [{ path: [], token: "NaN" }] });
  });

  it("still refuses what is not JSON, in the parser's words", () => {
    for (const text of ["{", '{"a": nan}', '{"a": NaNa}', "[Infinity,]", "{'a': 1}"]) {
      expect(() => parseJsonBody(text)).toThrow(/the body is not valid JSON/);
    }
    expect(() => parseJsonBody("  ")).toThrow("the body is empty");
  });
});
