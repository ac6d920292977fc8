import { describe, expect, it } from "vitest";
import { loadSpec } from "../src/engine/index.js";
import { makeSample, testContext } from "../src/testing/index.js";
import { asPython, type GroundTruth, goldCalls } from "./helpers/bfcl.js";
import { hasSharedData, readSharedJsonl } from "./helpers/shared-data.js";

function corruptions(
  calls: ReturnType<typeof goldCalls>,
): { what: string; calls: ReturnType<typeof goldCalls> }[] {
  const copy = () => structuredClone(calls);
  const out: { what: string; calls: ReturnType<typeof goldCalls> }[] = [];
  const renamed = copy();
  (renamed[0] as { name: string }).name = `${renamed[0]?.name}_v2`;
  out.push({ what: "wrong function name", calls: renamed });
  const first = calls[0];
  const key = first ? Object.keys(first.arguments)[0] : undefined;
  if (key !== undefined) {
    const changed = copy();
    const args = (changed[0] as { arguments: Record<string, unknown> }).arguments;
    const value = args[key];
    args[key] =
      typeof value === "number" ? value + 7 : typeof value === "string" ? `${value} (edited)` : ["different"];
    out.push({ what: `wrong value for ${key}`, calls: changed });
    const dropped = copy();
    delete (dropped[0] as { arguments: Record<string, unknown> }).arguments[key];
    out.push({ what: `missing ${key}`, calls: dropped });
  }
  const extra = copy();
  (extra[0] as { arguments: Record<string, unknown> }).arguments.unexpected_flag = true;
  out.push({ what: "an extra parameter", calls: extra });
  out.push({ what: "no call", calls: [] });
  return out;
}

for (const category of ["simple_python", "multiple", "parallel"]) {
  describe.skipIf(!hasSharedData(`bfcl/possible_answer/BFCL_v4_${category}.json`))(
    `tool_call on BFCL ${category}`,
    () => {
      const answers = readSharedJsonl<{ id: string; ground_truth: GroundTruth }>(
        `bfcl/possible_answer/BFCL_v4_${category}.json`,
      );

      it("gives gold calls full marks (in any order, as JSON or Python) and corrupted calls less", async () => {
        const loaded = await loadSpec({ version: 1, reward: { type: "tool_call", scoring: "fraction" } });
        const samples = [];
        const expectations: { id: string; what: string; full: boolean }[] = [];
        for (const answer of answers) {
          const gold = goldCalls(answer.ground_truth);
          samples.push(makeSample({ completion: JSON.stringify(gold), reference: answer.ground_truth }));
          expectations.push({ id: answer.id, what: "gold", full: true });
          samples.push(
            makeSample({
              completion: JSON.stringify(gold.slice().reverse()),
              reference: answer.ground_truth,
            }),
          );
          expectations.push({ id: answer.id, what: "gold reversed", full: true });
          samples.push(makeSample({ completion: asPython(gold), reference: answer.ground_truth }));
          expectations.push({ id: answer.id, what: "gold written as Python", full: true });
          for (const corrupted of corruptions(gold)) {
            samples.push(
              makeSample({ completion: JSON.stringify(corrupted.calls), reference: answer.ground_truth }),
            );
            expectations.push({ id: answer.id, what: corrupted.what, full: false });
          }
        }
        const results = await loaded.reward.score(samples, testContext());
        const wrong = results.flatMap((result, index) => {
          const expected = expectations[index] as (typeof expectations)[number];
          const ok = expected.full ? result.score === 1 : result.score < 1 && result.score >= 0;
          return ok && !result.error
            ? []
            : [`${expected.id} ${expected.what}: ${result.score} ${result.reason ?? result.error?.message}`];
        });
        expect(samples.length).toBeGreaterThan(answers.length * 5);
        expect(wrong).toEqual([]);
      });
    },
  );
}

describe.skipIf(!hasSharedData("toolrl/test.jsonl"))("tool_call on ToolRL's test set", () => {
  interface Row {
    reward_model: { ground_truth: string };
  }
  const rows = readSharedJsonl<Row>("toolrl/test.jsonl");

  it("scores each gold output at ToolRL's maximum, and broken ones lower", async () => {
    const loaded = await loadSpec({ version: 1, reward: { type: "tool_call", name: "tool" } });
    const gold = rows.map((row) => row.reward_model.ground_truth);
    const goldResults = await loaded.reward.score(
      gold.map((output) => makeSample({ completion: output, reference: output })),
      testContext(),
    );
    const withCalls = gold.filter((output) => output.includes("<tool_call>")).length;
    expect(withCalls).toBe(71);
    goldResults.forEach((result, index) => {
      // A gold tool call: format 1 + correctness 3. A response only: format 1 + correctness 0.
      expect(result.score).toBe((gold[index] as string).includes("<tool_call>") ? 4 : 1);
    });
    const broken = gold
      .filter((output) => output.includes("<tool_call>"))
      .flatMap((output) => [
        { output: output.replace("\n<tool_call>", "<tool_call>"), reference: output },
        {
          output: output.replace(/"parameters": \{"([^"]+)": /, '"parameters": {"$1_x": '),
          reference: output,
        },
      ])
      .filter(({ output, reference }) => output !== reference);
    const brokenResults = await loaded.reward.score(
      broken.map(({ output, reference }) => makeSample({ completion: output, reference })),
      testContext(),
    );
    expect(broken.length).toBeGreaterThan(100);
    for (const result of brokenResults) expect(result.score).toBeLessThan(4);
  });
});
