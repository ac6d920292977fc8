import { describe, expect, it } from "vitest";
import { InspectDataset } from "./dataset.js";
import { inspectRowOf } from "./inspect-row.js";
import { LiveTraffic } from "./live-traffic.js";
import { rowQuerySchema } from "./row-query.js";

const scored = [
  { id: "a1", group: "a", step: 0, reward: 1, components: { correct: 1 }, advantage: 0, completion: "x" },
  { id: "a2", group: "a", step: 0, reward: 1, components: { correct: 1 }, advantage: 0, completion: "x" },
  { id: "b1", group: "b", step: 1, reward: 0, components: { correct: 0 }, advantage: -1, completion: "y" },
  { id: "b2", group: "b", step: 1, reward: 2, components: { correct: 1 }, advantage: 1, completion: "z" },
  {
    id: "b3",
    group: "b",
    step: 1,
    reward: -1,
    components: {},
    error: { code: "TIMEOUT", message: "slow", node: "judge" },
    completion: "w",
  },
];

function dataset() {
  return new InspectDataset({
    label: "rows",
    rows: scored.map((row, index) => inspectRowOf(row, { index, line: index + 1 })),
  });
}

describe("InspectDataset", () => {
  it("computes the figures over rows without an error, per step, and the GRPO group states", () => {
    const { summary } = dataset();
    const reward = summary.components.find((figures) => figures.name === "reward");
    expect(reward).toMatchObject({ count: 4, mean: 1, min: 0, max: 2 });
    expect(reward?.std).toBeCloseTo(Math.sqrt(0.5), 12);
    expect(summary.components.map((figures) => figures.name)).toEqual(["reward", "correct", "advantage"]);
    expect(summary.steps?.steps).toEqual([0, 1]);
    expect(summary.steps?.series.reward).toEqual([1, 1]);
    // Group a: rewards 1, 1 (zero std, all correct); group b: 0, 2, −1 (its error's on_error counts).
    expect(summary.groups).toMatchObject({ groups: 2, zero_std_groups: 1, all_correct_groups: 1 });
    expect(summary.errors).toEqual([{ code: "TIMEOUT", count: 1, examples: ["judge: slow"] }]);
    expect(summary.flags).toMatchObject({ zero_std_group: 2, all_correct_group: 2, error: 1 });
  });

  it("filters, pages and details rows", () => {
    const rows = dataset();
    const ids = (query: Record<string, unknown>) =>
      rows.query(rowQuerySchema.parse(query)).rows.map((row) => row.id);
    expect(ids({ component: "correct", min: "1" })).toEqual(["a1", "a2", "b2"]);
    expect(ids({ component: "reward", max: "0" })).toEqual(["b1", "b3"]);
    expect(ids({ error: "none", group: "b" })).toEqual(["b1", "b2"]);
    expect(ids({ error: "TIMEOUT" })).toEqual(["b3"]);
    expect(ids({ q: "Z" })).toEqual(["b2"]);
    expect(ids({ flag: "zero_std_group" })).toEqual(["a1", "a2"]);
    expect(rows.query(rowQuerySchema.parse({ offset: "1", limit: "2" }))).toMatchObject({ total: 5 });
    expect(ids({ offset: "1", limit: "2" })).toEqual(["a2", "b1"]);
    expect(rows.detail(2)?.neighbours.map((row) => row.id)).toEqual(["b2", "b3"]);
    expect(rows.detail(99)).toBeUndefined();
  });
});

describe("LiveTraffic", () => {
  it("keeps the most recent rows of each run and recomputes only when traffic arrived", () => {
    const live = new LiveTraffic({ capacity: 3 });
    const batch = (run: string, step: number, scores: number[]) =>
      live.record({
        run,
        step,
        samples: scores.map((_, index) => ({ id: `${step}-${index}`, prompt: "p", completion: "c" })),
        results: scores.map((score) => ({ score, components: { part: score } })),
      });
    batch("r", 0, [1, 2]);
    batch("r", 1, [3, 4]);
    batch("s", 0, [5]);
    expect(live.runs()).toEqual([
      { run: "r", seen: 4, kept: 3 },
      { run: "s", seen: 1, kept: 1 },
    ]);
    const first = live.dataset("r");
    expect(first?.rows.map((row) => row.reward)).toEqual([2, 3, 4]);
    expect(first?.rows.map((row) => row.line)).toEqual([2, 3, 4]);
    expect(live.dataset("r")).toBe(first);
    batch("r", 2, [6]);
    expect(live.dataset("r")?.rows.map((row) => row.reward)).toEqual([3, 4, 6]);
    expect(live.dataset("nobody")).toBeUndefined();
  });
});
