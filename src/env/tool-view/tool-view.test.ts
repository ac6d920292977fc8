import { describe, expect, it } from "vitest";
import { createEnvironment } from "../environments.js";
import { withTimeLimit } from "../wrappers/time-limit.js";
import { readActionInput } from "./action-input.js";
import { actionTool } from "./action-tool.js";
import { ToolEpisode } from "./tool-episode.js";

const compass = { kind: "discrete", n: 4, labels: ["up", "right", "down", "left"] } as const;

describe("actionTool", () => {
  it("builds the input schema from the action space", () => {
    expect(actionTool(compass, { name: "move" }).input_schema).toEqual({
      type: "object",
      properties: {
        action: {
          type: "string",
          enum: ["up", "right", "down", "left"],
          description: "One of: up, right, down, left.",
        },
      },
      required: ["action"],
      additionalProperties: false,
    });
    expect(actionTool({ kind: "discrete", n: 5 }, { name: "act" }).input_schema.properties).toEqual({
      action: { type: "integer", minimum: 0, maximum: 4, description: "The action's number, 0 to 4." },
    });
    const box = actionTool({ kind: "box", size: 2, low: -1, high: 1 }, { name: "act", environment: "maze" });
    expect(box.input_schema.properties).toEqual({
      action: {
        type: "array",
        items: { type: "number", minimum: -1, maximum: 1 },
        minItems: 2,
        maxItems: 2,
        description: "2 numbers, each in [-1, 1].",
      },
    });
    expect(box.description).toBe("Take one action in maze. 2 numbers, each in [-1, 1].");
  });
});

describe("readActionInput", () => {
  it("reads labels (any case), indices and boxes, and says what is wrong otherwise", () => {
    expect(readActionInput(compass, { action: " Down " })).toEqual({ ok: true, action: 2 });
    expect(readActionInput(compass, { action: 3 })).toEqual({ ok: true, action: 3 });
    expect(readActionInput(compass, { action: "north" })).toEqual({
      ok: false,
      message: 'unknown action "north"; expected one of: up, right, down, left',
    });
    expect(readActionInput(compass, { action: 4 })).toMatchObject({ ok: false });
    expect(readActionInput(compass, {})).toEqual({ ok: false, message: 'missing argument "action"' });
    expect(readActionInput(compass, { action: "up", speed: 2 })).toEqual({
      ok: false,
      message: 'unexpected argument "speed"; expected only "action"',
    });
    expect(readActionInput({ kind: "discrete", n: 3 }, { action: "2" })).toEqual({ ok: true, action: 2 });
    const box = { kind: "box", size: 2, low: -1, high: 1 } as const;
    const read = readActionInput(box, { action: [0.5, -1] });
    expect(read.ok && Array.from(read.action as Float64Array)).toEqual([0.5, -1]);
    expect(readActionInput(box, { action: [2, 0] })).toEqual({
      ok: false,
      message: '"action[0]" = 2 is outside [-1, 1]',
    });
    expect(readActionInput(box, { action: [0] })).toMatchObject({ ok: false });
    expect(readActionInput({ kind: "text" }, { action: "hello" })).toEqual({ ok: true, action: "hello" });
  });
});

describe("ToolEpisode", () => {
  it("plays an empty room to the goal through tool calls, with the reward and the end reported", async () => {
    const episode = new ToolEpisode(createEnvironment("empty-room", { size: 2 }));
    const first = episode.start(3);
    expect(first.text).toBe("####\n#A.#\n#.G#\n####");
    const refused = await episode.act({ action: "sideways" });
    expect(refused.ok).toBe(false);
    expect(episode.steps).toBe(0); // a refused call is not a step
    const right = await episode.act({ action: "right" });
    expect(right).toMatchObject({ ok: true, step: { reward: 0, finished: false } });
    const down = await episode.act({ action: "down" });
    if (!down.ok) throw new Error(down.message);
    expect(down.step).toMatchObject({
      text: "####\n#..#\n#.A#\n####",
      reward: 1,
      finished: true,
      metadata: { step: 2, action: "down", terminated: true, truncated: false, episode_return: 1 },
    });
    expect(down.step.metadata.info).toMatchObject({ event: "reached_goal" });
    expect(await episode.act({ action: "up" })).toEqual({
      ok: false,
      message: "the episode has ended; start another episode (a new session)",
    });
  });

  it("ends a wandering episode by truncation, and refuses masked actions without stepping", async () => {
    const episode = new ToolEpisode(withTimeLimit(createEnvironment("empty-room", { size: 3 }), 2));
    episode.start(1);
    await episode.act({ action: "up" });
    const second = await episode.act({ action: "up" });
    expect(second).toMatchObject({ ok: true, step: { finished: true, metadata: { truncated: true } } });

    const grid = new ToolEpisode(createEnvironment("hypergrid", { dimension: 2, side: 2 }));
    grid.start(1);
    expect(await grid.act({ action: "increment 0" })).toMatchObject({ ok: true });
    expect(await grid.act({ action: "increment 0" })).toEqual({
      ok: false,
      message: '"increment 0" is not allowed here; allowed: increment 1, stop',
    });
    expect(grid.steps).toBe(1);
  });
});
