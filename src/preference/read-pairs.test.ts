import { describe, expect, it } from "vitest";
import type { RowInput } from "./pair.js";
import { readPairs } from "./read-pairs.js";

const rows = (...list: Record<string, unknown>[]): RowInput[] =>
  list.map((row, index) => ({ ok: true, line: index + 1, row }));

describe("readPairs", () => {
  it("reads UltraFeedback-style message lists: the shared messages are the prompt, the last assistant turns the responses", async () => {
    const conversation = [
      { role: "system", content: "Be brief." },
      { role: "user", content: "Capital of France?" },
    ];
    const result = await readPairs(
      rows(
        {
          chosen: [...conversation, { role: "assistant", content: "Paris." }],
          rejected: [...conversation, { role: "assistant", content: "Lyon." }],
        },
        {
          prompt: "Capital of Spain?",
          chosen: [{ role: "assistant", content: "Madrid." }],
          rejected: [{ role: "assistant", content: "Seville." }],
        },
      ),
      { label: "uf.jsonl" },
    );
    expect(result.problems).toEqual([]);
    expect(result.pairs[0]).toMatchObject({
      prompt: "system: Be brief.\n\nuser: Capital of France?",
      chosen: "Paris.",
      rejected: "Lyon.",
      where: "uf.jsonl:1",
    });
    expect(result.pairs[1]).toMatchObject({
      prompt: "Capital of Spain?",
      chosen: "Madrid.",
      rejected: "Seville.",
    });
  });

  it("splits HH-RLHF transcripts at the last Assistant turn", async () => {
    const prompt = "\n\nHuman: Hi\n\nAssistant: Hello!\n\nHuman: Tell me a joke\n\nAssistant:";
    const result = await readPairs(
      rows({ chosen: `${prompt} Why did the chicken...`, rejected: `${prompt} No.` }),
      { label: "hh" },
    );
    expect(result.pairs[0]).toMatchObject({ prompt, chosen: "Why did the chicken...", rejected: "No." });
  });

  it("turns ratings into pairs within a prompt, with margins from the rating gap", async () => {
    const result = await readPairs(
      rows(
        { prompt: "p", response: "great", rating: 5 },
        { prompt: "p", response: "fine", rating: 3 },
        { prompt: "p", response: "also fine", rating: 3 },
        { prompt: "q", response: "only one", rating: 1 },
        { prompt: "p", completions: [{ response: "best", rating: 9 }] },
      ),
      { label: "ratings", ratings: { marginScale: 0.5 } },
    );
    const described = result.pairs.map((pair) => [pair.chosen, pair.rejected, pair.margin]);
    expect(described).toEqual(
      expect.arrayContaining([
        ["great", "fine", 1],
        ["great", "also fine", 1],
        ["best", "great", 2],
        ["best", "fine", 3],
      ]),
    );
    // Equal ratings and lone responses make no pair.
    expect(result.pairs).toHaveLength(5);
  });

  it("reports what it cannot use by location and kind", async () => {
    const result = await readPairs(
      [
        { ok: false, line: 1, message: "invalid JSON: Unexpected token" },
        ...rows(
          { chosen: "x" },
          { chosen: "", rejected: "y" },
          { prompt: "p", chosen: "same", rejected: "same" },
          { "response 1": "a", "response 2": "b", prompt: "p", label: 2 },
          { instruction: "i", output_1: "a", output_2: "b", preference: null },
          { foo: 1 },
        ).map((read) => ({ ...read, line: read.line + 1 })),
      ],
      { label: "bad.jsonl" },
    );
    expect(
      result.problems.map((problem) => [problem.where, problem.kind, problem.message.split(" (")[0]]),
    ).toEqual([
      ["bad.jsonl:1", "invalid", "invalid JSON: Unexpected token"],
      ["bad.jsonl:2", "invalid", "missing field `rejected`"],
      ["bad.jsonl:4", "identical", "chosen and rejected are identical"],
      ["bad.jsonl:5", "tie", "labelled a tie"],
      ["bad.jsonl:6", "failed", "annotation failed"],
      ["bad.jsonl:7", "invalid", "unrecognized row"],
    ]);
  });
});
