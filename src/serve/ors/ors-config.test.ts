import { describe, expect, it } from "vitest";
import { gymEnvironment } from "./gym-environment.js";
import { type GymEntry, parseEnvFlag, parseOrsConfig, parseOrsEntry } from "./ors-config.js";
import { seedSplits } from "./seed-splits.js";
import { taskIndex, taskSlice } from "./task-index.js";

const gym = (value: Record<string, unknown>) => parseOrsEntry(value, "entry") as { kind: "gym" } & GymEntry;

describe("--env flags and --env-config entries", () => {
  it("reads NAME[:key=value,...] with JSON values, and NAME:{json}", () => {
    expect(parseEnvFlag("key-door:size=6,layout=procedural")).toMatchObject({
      kind: "gym",
      environment: "key-door",
      options: { size: 6, layout: "procedural" },
      tool: "act",
      splits: { train: { count: 1000, first_seed: 0 }, test: { count: 100, first_seed: 1_000_000_000 } },
    });
    expect(parseEnvFlag("matrix-game:payoffs=[[[3,3],[0,4]],[[4,0],[1,1]]],rounds=3").options).toEqual({
      payoffs: [
        [
          [3, 3],
          [0, 4],
        ],
        [
          [4, 0],
          [1, 1],
        ],
      ],
      rounds: 3,
    });
    expect(parseEnvFlag('matrix-game:{"game": "stag-hunt"}').options).toEqual({ game: "stag-hunt" });
    expect(parseEnvFlag("four-rooms").options).toEqual({});
    expect(() => parseEnvFlag("four-rooms:size")).toThrow(/"size" is not key=value/);
    expect(() => parseEnvFlag("four-rooms:{size")).toThrow(/not valid JSON/);
  });

  it("tells tool-task entries (with tasks) from environment entries, and names bad fields", () => {
    const entries = parseOrsConfig(
      "environments:\n  - environment: four-rooms\n    name: rooms\n  - name: quiz\n    tasks: quiz.jsonl\n    spec: spec.yaml\n",
      "envs.yaml",
    );
    expect(entries.map((entry) => entry.kind)).toEqual(["gym", "tool-tasks"]);
    expect(entries[1]).toMatchObject({ tool: "submit", argument: "answer", attempts: 1, pass: 1 });
    expect(() =>
      parseOrsConfig("environments:\n  - environment: four-rooms\n    tools: move\n", "envs.yaml"),
    ).toThrow(
      expect.objectContaining({
        path: "envs.yaml: environments[0]",
        message: expect.stringMatching(/unknown field "tools"/),
      }),
    );
    expect(() => parseOrsConfig("environments: []\n", "envs.yaml")).toThrow(
      "expected array to have >=1 items",
    );
    expect(() => parseOrsEntry({ name: "bad name!", environment: "four-rooms" }, "entry")).toThrow(
      expect.objectContaining({ path: "entry.name" }),
    );
  });

  it("refuses unknown environments, bad options, opponents where there is no game, and overlapping seeds", () => {
    expect(() => gymEnvironment(gym({ environment: "five-rooms" }), {})).toThrow(
      /no environment named "five-rooms"; known: /,
    );
    expect(() => gymEnvironment(gym({ environment: "four-rooms", options: { sise: 9 } }), {})).toThrow(
      expect.objectContaining({ path: "environments.four-rooms" }),
    );
    expect(() => gymEnvironment(gym({ environment: "four-rooms", opponents: "tit-for-tat" }), {})).toThrow(
      /single-agent environment: remove opponents/,
    );
    expect(() =>
      gymEnvironment(
        gym({ environment: "public-goods", options: { agents: 4 }, opponents: ["random", "random"] }),
        {},
      ),
    ).toThrow(/4 seats: give one strategy or 3/);
    expect(() =>
      seedSplits(
        {
          train: { count: 10, first_seed: 0 },
          test: { count: 10, first_seed: 5 },
        },
        "rooms",
      ),
    ).toThrow(/splits train and test share seeds \(from 5\)/);
  });
});

describe("task indices as the reference server reads them (Python indexing and slices)", () => {
  it("counts negative indices from the end and names the range when out of it", () => {
    expect(taskIndex(-1, 5, "train")).toBe(4);
    expect(taskIndex(0, 5, "train")).toBe(0);
    expect(() => taskIndex(5, 5, "train")).toThrow(
      "Invalid index: split train has 5 tasks (0 to 4, or -5 to -1), got 5",
    );
    expect(() => taskIndex(-6, 5, "train")).toThrow(/got -6/);
  });

  it("slices [start, stop) with clamping", () => {
    expect(taskSlice(10)).toEqual([0, 10]);
    expect(taskSlice(10, 8)).toEqual([8, 10]);
    expect(taskSlice(10, -3, -1)).toEqual([7, 9]);
    expect(taskSlice(10, 20, 30)).toEqual([10, 10]);
    expect(taskSlice(10, 6, 2)).toEqual([6, 6]);
  });
});
