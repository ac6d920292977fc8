import { describe, expect, it } from "vitest";
import { loadSpec } from "../engine/index.js";
import { makeSample, testContext } from "../testing/index.js";
import { RewardkitError } from "./errors.js";

async function specError(spec: unknown): Promise<RewardkitError> {
  try {
    await loadSpec(spec);
  } catch (error) {
    if (RewardkitError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected the spec to be rejected");
}

describe("compiling a spec", () => {
  it("suggests the nearest name for a misspelt field, node type, estimator or enum value, echoing the bad value", async () => {
    const located = async (spec: Record<string, unknown>) =>
      (await specError({ version: 1, ...spec })).located;
    expect(await located({ reward: { type: "regex", patern: "x" } })).toBe(
      'reward: unknown field "patern" (did you mean `pattern`?) (and 1 more)',
    );
    expect(await located({ reward: { type: "regx", pattern: "x" } })).toMatch(
      /^reward\.type: unknown node type "regx" \(did you mean `regex`\?\) \(known: /,
    );
    expect(await located({ reward: { type: "similarity", metric: "rouge-l" } })).toBe(
      'reward.metric: expected one of "bleu" | "rouge_l" | "chrf" | "bmas", received "rouge-l" (did you mean `rouge_l`?)',
    );
    expect(await located({ reward: { type: "similarity", metric: "meteor" } })).toBe(
      'reward.metric: expected one of "bleu" | "rouge_l" | "chrf" | "bmas", received "meteor"',
    );
    expect(
      await located({
        reward: { type: "weighted", terms: [{ weight: 1, reward: { type: "length", unti: "words" } }] },
      }),
    ).toBe('reward.terms[0].reward: unknown field "unti" (did you mean `unit`?)');
    expect(await located({ rewards: { type: "regex", pattern: "x" } })).toMatch(
      /^unknown field "rewards" \(did you mean `reward`\?\)/,
    );
    expect(await located({ reward: { type: "regex", pattern: "x" }, advantage: { type: "grpoo" } })).toMatch(
      /^advantage\.type: unknown advantage estimator "grpoo" \(did you mean `grpo`\?\)/,
    );
    expect(
      await located({
        reward: { type: "regex", pattern: "x" },
        advantage: { type: "grpo", filter: { tpye: "zero_std" } },
      }),
    ).toBe(
      'advantage.filter.type: missing, expected one of "range" | "zero_std" (there is a field "tpye": did you mean `type`?)',
    );
    expect(
      await located({
        reward: { type: "regex", pattern: "x" },
        advantage: { type: "grpo", filter: { type: "zero-std" } },
      }),
    ).toBe(
      'advantage.filter.type: expected one of "range" | "zero_std", received "zero-std" (did you mean `zero_std`?)',
    );
  });

  it("names the path of a field with the wrong type", async () => {
    const error = await specError({
      version: 1,
      reward: { type: "weighted", terms: [{ weight: "high", reward: { type: "regex", pattern: "x" } }] },
    });
    expect(error.code).toBe("SPEC_INVALID");
    expect(error.located).toBe("reward.terms[0].weight: expected number, received string");
  });

  it("names the path inside a nested child", async () => {
    const error = await specError({
      version: 1,
      reward: {
        type: "weighted",
        terms: [
          { weight: 1, reward: { type: "regex", pattern: "a" } },
          {
            weight: 1,
            reward: { type: "gate", condition: { type: "regex", pattern: "b" }, reward: { type: "nope" } },
          },
        ],
      },
    });
    expect(error.located).toMatch(
      /^reward\.terms\[1\]\.reward\.reward\.type: unknown node type "nope" \(known: .*regex/,
    );
  });

  it("rejects unknown fields, so typos do not pass silently", async () => {
    const error = await specError({ version: 1, reward: { type: "regex", patern: "x" } });
    expect(error.located).toBe('reward: unknown field "patern" (did you mean `pattern`?) (and 1 more)');
    const missing = error.details?.issues as Array<{ path: string; message: string }>;
    expect(missing.map((issue) => issue.path)).toContain("reward.pattern");
  });

  it("rejects unknown top-level sections and bad versions", async () => {
    expect((await specError({ version: 2, reward: { type: "regex", pattern: "x" } })).located).toMatch(
      /^version: /,
    );
    expect((await specError({ version: 1, reward: { type: "regex", pattern: "x" }, extra: 1 })).located).toBe(
      'unknown field "extra"',
    );
  });

  it("gives default names by type and keeps them unique", async () => {
    const loaded = await loadSpec({
      version: 1,
      reward: {
        type: "weighted",
        terms: [
          { weight: 1, reward: { type: "regex", pattern: "a" } },
          { weight: 1, reward: { type: "regex", pattern: "b" } },
          { weight: 1, reward: { type: "length", name: "regex_2", raw: true, unit: "chars" } },
        ],
      },
    });
    expect(loaded.componentNames).toEqual(["weighted", "regex", "regex_3", "regex_2"]);
    const [result] = await loaded.reward.score([makeSample({ completion: "ab" })], testContext());
    expect(result?.components).toEqual({ regex: 1, regex_3: 1, regex_2: 2 });
    expect(result?.score).toBe(4);
  });

  it("refuses two nodes with the same explicit name", async () => {
    const error = await specError({
      version: 1,
      reward: {
        type: "min",
        of: [
          { type: "regex", name: "x", pattern: "a" },
          { type: "regex", name: "x", pattern: "b" },
        ],
      },
    });
    expect(error.located).toBe('reward.of[1].name: the name "x" is used by two nodes');
  });

  it("reports a leaf root under its own name", async () => {
    const loaded = await loadSpec({
      version: 1,
      reward: { type: "regex", name: "has_answer", pattern: "<answer>" },
    });
    const [result] = await loaded.reward.score(
      [makeSample({ completion: "<answer>1</answer>" })],
      testContext(),
    );
    expect(result).toEqual({ score: 1, components: { has_answer: 1 } });
  });

  it("rejects an invalid regular expression at load time with its path", async () => {
    const error = await specError({ version: 1, reward: { type: "regex", pattern: "(unclosed" } });
    expect(error.located).toMatch(/^reward\.pattern: invalid regular expression/);
  });
});
