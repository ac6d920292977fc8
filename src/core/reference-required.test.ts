import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../engine/index.js";
import { testContext } from "../testing/index.js";
import { hasReference } from "./reference-required.js";
import type { Sample } from "./sample.js";

async function scoreEach(node: Record<string, unknown>, samples: Sample[], baseDir?: string) {
  const loaded = await loadSpec({ version: 1, reward: node }, baseDir ? { baseDir } : {});
  try {
    return await loaded.reward.score(samples, testContext());
  } finally {
    await loaded.close();
  }
}

// OpenRLHF without --data.label_key sends label "" for every rollout; verl and TRL send None.
const missingReferences: Sample[] = [
  { prompt: "", completion: "A" },
  { prompt: "", completion: "A", reference: null },
  { prompt: "", completion: "A", reference: "" },
  { prompt: "", completion: "A", reference: "  \n" },
];

describe("nodes that compare with a reference", () => {
  it("counts absent, null and blank text as no reference; 0, false, [] and objects are references", () => {
    expect(missingReferences.map(hasReference)).toEqual([false, false, false, false]);
    for (const reference of [0, false, [], {}, "x", " 0 "]) {
      expect(hasReference({ reference })).toBe(true);
    }
  });

  it.each([
    { type: "math" },
    { type: "exact_match" },
    { type: "numeric" },
    { type: "multiple_choice" },
    { type: "similarity", metric: "rouge_l" },
    { type: "tool_call" },
    { type: "iou" },
  ])("$type answers NOT_APPLICABLE, never a silent 0, when the row has none", async (node) => {
    const results = await scoreEach(node, missingReferences);
    for (const result of results) {
      expect(result.error).toMatchObject({ code: "NOT_APPLICABLE", node: node.type });
      expect(result.error?.message).toContain("no reference");
    }
  });

  it("a node that needs none under its spec still scores (exact_match with a fixed value)", async () => {
    const [result] = await scoreEach({ type: "exact_match", value: "A" }, [
      { prompt: "", completion: "A", reference: "" },
    ]);
    expect(result).toEqual({ score: 1, components: { exact_match: 1 } });
  });

  it("inside a composite, the other terms still count and the row carries the error", async () => {
    const [result] = await scoreEach(
      {
        type: "weighted",
        terms: [
          { weight: 1, reward: { type: "math", name: "correct" } },
          { weight: 0.1, reward: { type: "regex", name: "format", pattern: "A" } },
        ],
      },
      [{ prompt: "", completion: "A", reference: "" }],
    );
    expect(result?.score).toBeCloseTo(0.1);
    expect(result?.childErrors?.[0]).toMatchObject({ code: "NOT_APPLICABLE", node: "correct" });
  });

  it("a module node declares it with needs_reference, per sample and per batch", async () => {
    const folder = await mkdtemp(join(tmpdir(), "rewardkit-reference-"));
    await writeFile(
      join(folder, "one.mjs"),
      "export default (sample) => (sample.completion === sample.reference ? 1 : 0);\n",
    );
    await writeFile(
      join(folder, "batch.mjs"),
      "export default { score: (batch) => batch.map((sample) => (sample.completion === sample.reference ? 1 : 0.5)) };\n",
    );
    const samples: Sample[] = [
      { prompt: "", completion: "A", reference: "A" },
      { prompt: "", completion: "A", reference: "" },
      { prompt: "", completion: "B", reference: "A" },
    ];
    for (const path of ["./one.mjs", "./batch.mjs"]) {
      const declared = await scoreEach({ type: "module", path, needs_reference: true }, samples, folder);
      expect(declared.map((result) => result.error?.code)).toEqual([undefined, "NOT_APPLICABLE", undefined]);
      expect(declared[0]?.score).toBe(1);
      expect(declared[2]?.score).toBe(path === "./one.mjs" ? 0 : 0.5);
      // Undeclared, the module is called for every row, as before.
      const undeclared = await scoreEach({ type: "module", path }, samples, folder);
      expect(undeclared.every((result) => result.error === undefined)).toBe(true);
    }
  });
});
