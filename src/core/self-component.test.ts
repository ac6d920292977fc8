import { describe, expect, it } from "vitest";
import { loadSpec } from "../engine/index.js";
import { makeSample, testContext } from "../testing/index.js";
import { selfComponentMaker } from "./self-component.js";

/** What the guard wrote before the literal: a keyed store of the name on a fresh object. */
function stored(name: string, value: number): Record<string, number> {
  const components: Record<string, number> = {};
  components[name] = value;
  return components;
}

const names = [
  "format",
  "",
  "0",
  "12",
  "with space",
  'quote " inside',
  "back\\slash",
  "new\nline",
  "line\u2028separator",
  "tab\tand\u0000nul",
  "ünïcödé ✓ 答案",
  "😀",
  "constructor",
  "toString",
  "hasOwnProperty",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a name that looks like a template placeholder
  "${injected}",
  "`backtick`",
  "'; process.exit(1); '",
  "__proto__",
];

// Spec names are letters, digits and _ . : / - (the node schema); the maker is checked on any
// string anyway, since guard() is exported and its literal is compiled from the name.
describe("selfComponentMaker", () => {
  it.each(names)("gives the object a keyed store would for %j", (name) => {
    const make = selfComponentMaker(name);
    for (const value of [0, 1, 0.2, -3.5, 1e-300]) {
      const made = make(value);
      const expected = stored(name, value);
      expect(Object.getPrototypeOf(made)).toBe(Object.prototype);
      expect(Object.keys(made)).toEqual(Object.keys(expected));
      expect(JSON.stringify(made)).toBe(JSON.stringify(expected));
      expect(made).toEqual(expected);
    }
  });

  it("makes a fresh object each call (composites extend the first child's in place)", () => {
    const make = selfComponentMaker("format");
    const first = make(1);
    first.other = 2;
    expect(make(1)).toEqual({ format: 1 });
  });
});

describe("a compiled spec's components", () => {
  it("carry every leaf's score under its name, in spec order", async () => {
    const loaded = await loadSpec({
      version: 1,
      reward: {
        type: "weighted",
        terms: [
          { weight: 0.5, reward: { type: "regex", name: "has:answer", pattern: "answer" } },
          { weight: 1, reward: { type: "exact_match", name: "correct/v2.1" } },
        ],
      },
    });
    const results = await loaded.reward.score(
      [
        makeSample({ completion: "answer", reference: "answer" }),
        makeSample({ completion: "nope", reference: "answer" }),
      ],
      testContext(),
    );
    expect(results.map((result) => result.score)).toEqual([1.5, 0]);
    expect(results.map((result) => JSON.stringify(result.components))).toEqual([
      '{"has:answer":1,"correct/v2.1":1}',
      '{"has:answer":0,"correct/v2.1":0}',
    ]);
  });

  it("refuses a node named __proto__, which no object can hold as a key", async () => {
    await expect(
      loadSpec({ version: 1, reward: { type: "regex", name: "__proto__", pattern: "a" } }),
    ).rejects.toMatchObject({ code: "SPEC_INVALID", path: "reward.name" });
  });
});
