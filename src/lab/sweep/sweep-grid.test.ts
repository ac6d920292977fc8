import { describe, expect, it } from "vitest";
import { parseSeeds, settingLabel, splitValues, sweepSettings, sweepTasks } from "./sweep-grid.js";

describe("sweep grid", () => {
  it("reads seeds as ranges and lists, sorted without repeats, and names --seeds when it cannot", () => {
    expect(parseSeeds("1-5")).toEqual([1, 2, 3, 4, 5]);
    expect(parseSeeds("9,1-3, 2")).toEqual([1, 2, 3, 9]);
    expect(parseSeeds("7")).toEqual([7]);
    for (const bad of ["", "a", "5-1", "1-", "1.5"]) expect(() => parseSeeds(bad)).toThrow(/--seeds/);
  });

  it("splits option values at top-level commas only", () => {
    expect(splitValues("0.1,1")).toEqual(["0.1", "1"]);
    expect(splitValues("[1, 2],[3, 4]")).toEqual(["[1, 2]", "[3, 4]"]);
    expect(splitValues("'a,b',c")).toEqual(["'a,b'", "c"]);
    expect(splitValues("{a: 1, b: 2}")).toEqual(["{a: 1, b: 2}"]);
    expect(splitValues("word")).toEqual(["word"]);
  });

  it("crosses the axes (first axis slowest) and orders tasks setting by setting, seed by seed", () => {
    const settings = sweepSettings([
      { name: "a", values: [1, 2] },
      { name: "b", values: ["x", "y", "z"] },
    ]);
    expect(settings).toEqual([
      { a: 1, b: "x" },
      { a: 1, b: "y" },
      { a: 1, b: "z" },
      { a: 2, b: "x" },
      { a: 2, b: "y" },
      { a: 2, b: "z" },
    ]);
    expect(sweepSettings([])).toEqual([{}]);
    const tasks = sweepTasks({
      experiment: "e",
      seeds: [4, 5],
      settings: settings.slice(0, 2),
      quick: false,
    });
    expect(tasks.map((task) => [task.setting, task.seed])).toEqual([
      [0, 4],
      [0, 5],
      [1, 4],
      [1, 5],
    ]);
    expect(settingLabel({ a: 1, b: [2, 3] })).toBe("a=1 b=[2,3]");
    expect(settingLabel({})).toBe("defaults");
  });
});
