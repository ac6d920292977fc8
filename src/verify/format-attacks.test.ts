import { describe, expect, it } from "vitest";
import type { RewardResult, Sample } from "../core/index.js";
import { loadSpec } from "../engine/index.js";
import { makeSample, testContext } from "../testing/index.js";
import { blankCode, visibleText } from "./visible-text.js";

/**
 * Issue 15 §3, formats: completions that pass a format check without having the format —
 * repeated or nested tags, tags quoted in code, empty or invisible content, zero-width and
 * lookalike characters. Each is refused by default; each relaxing option brings the old verdict.
 */
async function score(node: Record<string, unknown>, completions: string[]): Promise<RewardResult[]> {
  const loaded = await loadSpec({ version: 1, reward: node });
  try {
    const samples: Sample[] = completions.map((completion) => makeSample({ completion }));
    return await loaded.reward.score(samples, testContext());
  } finally {
    await loaded.close();
  }
}
const scores = async (node: Record<string, unknown>, completions: string[]) =>
  (await score(node, completions)).map((result) => result.score);

const honest = "<think>2 and 3 make 5</think>\n<answer>5</answer>";

describe("tags: the R1 layout cannot be faked", () => {
  it("repeated and nested tags fail; the honest layout passes", async () => {
    const results = await score({ type: "tags" }, [
      honest,
      "<think>a</think><answer>5</answer><answer>6</answer>",
      "<think>a <answer>5</answer></think>",
      "<think>a</think><answer><answer>5</answer></answer>",
    ]);
    expect(results.map((result) => result.score)).toEqual([1, 0, 0, 0]);
    expect(results[2]?.reason).toContain("no tag inside another");
    expect(
      await scores({ type: "tags", ordered: false, exactly_once: false }, [
        "<think>a <answer>5</answer></think>",
      ]),
    ).toEqual([0]);
  });

  it("tags quoted in code blocks or inline code are not structure", async () => {
    const quoted = [
      "Use this format:\n```\n<think>reasoning</think><answer>42</answer>\n```",
      "I answer in the form `<think>…</think><answer>…</answer>`.",
      "<think>see `<answer>9</answer>`</think><answer>5</answer>",
    ];
    expect(await scores({ type: "tags", whole: false }, quoted)).toEqual([0, 0, 1]);
    expect(await scores({ type: "tags", whole: false, ignore_code: false }, quoted.slice(0, 2))).toEqual([
      1, 1,
    ]);
  });

  it("empty, blank or invisible content fails; non_empty: false relaxes it", async () => {
    const hollow = [
      "<think></think><answer></answer>",
      "<think> \n </think><answer>\t</answer>",
      "<think>\u200B</think><answer>\u200B\u2060\uFEFF</answer>",
    ];
    expect(await scores({ type: "tags" }, hollow)).toEqual([0, 0, 0]);
    expect(await scores({ type: "tags", non_empty: false }, hollow.slice(0, 2))).toEqual([1, 1]);
    expect(await scores({ type: "tags", unicode: "raw" }, hollow.slice(2))).toEqual([1]);
  });

  it("text outside the tags hidden in invisible characters or bidi controls is still outside", async () => {
    expect(await scores({ type: "tags" }, [`${honest}\u200B`, `\u202E${honest}`])).toEqual([1, 1]);
    expect(await scores({ type: "tags" }, [`${honest}\u200Bextra`])).toEqual([0]);
  });
});

describe("regex: invisible and lookalike characters", () => {
  const nonEmptyAnswer = { type: "regex", pattern: "<answer>.+</answer>" };
  const noApology = { type: "regex", pattern: "\\bsorry\\b", flags: "i", negate: true };

  it("zero-width characters neither fill a required field nor hide a forbidden word", async () => {
    expect(
      await scores(nonEmptyAnswer, [
        "<answer>5</answer>",
        "<answer>\u200B</answer>",
        "<answer>\u2063\u00AD</answer>",
      ]),
    ).toEqual([1, 0, 0]);
    expect(await scores(noApology, ["Here it is.", "So sor\u200Bry!", "Sor\u00ADry.", "SORRY"])).toEqual([
      1, 0, 0, 0,
    ]);
    expect(await scores({ ...nonEmptyAnswer, unicode: "raw" }, ["<answer>\u200B</answer>"])).toEqual([1]);
    expect(await scores({ ...noApology, unicode: "raw" }, ["So sor\u200Bry!"])).toEqual([1]);
  });

  it("fullwidth letters and Cyrillic or Greek lookalikes inside Latin words are read as Latin", async () => {
    const disguised = ["ｓｏｒｒｙ", "s\u043Erry", "\u0455\u043Err\u0443", "sοrry" /* Greek omicron */];
    expect(await scores(noApology, disguised)).toEqual([0, 0, 0, 0]);
    // Text written in Cyrillic is left as it is.
    expect(visibleText("Извините, собака")).toBe("Извините, собака");
    expect(await scores({ ...noApology, unicode: "raw" }, disguised)).toEqual([1, 1, 1, 1]);
  });

  it("counts what a reader would count", async () => {
    expect(
      await scores({ type: "regex", pattern: "\\bwait\\b", flags: "i", mode: "count" }, [
        "Wait. wa\u200Bit. ｗａｉｔ.",
      ]),
    ).toEqual([3]);
  });
});

describe("visible text helpers", () => {
  it("blanks quoted code without moving anything", () => {
    const text = "a `<b>` c\n```python\n<think>x</think>\n```\nend <answer>1</answer>";
    const blanked = blankCode(text);
    expect(blanked).toHaveLength(text.length);
    expect(blanked).not.toContain("<think>");
    expect(blanked).not.toContain("<b>");
    expect(blanked.indexOf("<answer>")).toBe(text.indexOf("<answer>"));
  });
});
