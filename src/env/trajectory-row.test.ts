import { describe, expect, it } from "vitest";
import { mulberry32, sampleSchema } from "../core/index.js";
import { createEnvironment } from "./environments.js";
import { randomPolicy, rollout } from "./rollout.js";
import { trajectoryReturn } from "./trajectory.js";
import { trajectoryRow } from "./trajectory-row.js";

describe("trajectories as rows", () => {
  const room = createEnvironment("empty-room", { size: 2, max_episode_steps: 5 });
  const scripted = [0, 1, 2];
  const trajectory = rollout({
    environment: room,
    seed: 7,
    policy: (_, { step }) => scripted[step] as number,
  });

  it("rollout records what was seen, done and paid, and the observation the last step led to", () => {
    expect(trajectory.environment).toBe("empty-room");
    expect(trajectory.seed).toBe(7);
    expect(trajectory.steps.map((step) => [step.observation.cell, step.action, step.reward])).toEqual([
      [5, 0, 0],
      [5, 1, 0],
      [6, 2, 1],
    ]);
    expect(trajectory.steps.map((step) => step.terminated)).toEqual([false, false, true]);
    expect(trajectory.finalObservation.cell).toBe(10);
    expect(trajectoryReturn(trajectory)).toBe(1);
    expect(trajectoryReturn(trajectory, 0.5)).toBe(0.25);
  });

  it("becomes a row with steps (state key, observation text, action text, reward, done, info)", () => {
    const row = trajectoryRow(trajectory, room, { group: "room-7", index: 2 });
    expect(row.id).toBe("empty-room/7/2");
    expect(row.group).toBe("room-7");
    expect(row.reward).toBe(1);
    expect(row.steps[0]).toEqual({
      state: "empty-room/fixed|5|0",
      observation: "####\n#A.#\n#.G#\n####",
      action: "up",
      action_value: 0,
      reward: 0,
      done: false,
      terminated: false,
      truncated: false,
      valid: false,
      info: { event: "bumped", valid: false },
    });
    expect(row.steps[2]).toMatchObject({ action: "down", reward: 1, done: true, terminated: true });
    expect(row.prompt).toEqual([{ role: "user", content: "####\n#A.#\n#.G#\n####" }]);
    expect(row.completion).toEqual([
      { role: "assistant", content: "up" },
      { role: "user", content: "####\n#A.#\n#.G#\n####" },
      { role: "assistant", content: "right" },
      { role: "user", content: "####\n#.A#\n#.G#\n####" },
      { role: "assistant", content: "down" },
    ]);
    expect(row.meta).toEqual({
      environment: "empty-room",
      seed: 7,
      return: 1,
      length: 3,
      terminated: true,
      truncated: false,
      final_observation: "####\n#..#\n#.A#\n####",
      final_state: "empty-room/fixed|10|0",
    });
    // The row is a valid sample for the engine and the server, and survives JSON.
    const parsed = sampleSchema.parse(JSON.parse(JSON.stringify(row)));
    expect(parsed.steps?.length).toBe(3);
  });

  it("can be written with plain text: the first observation as prompt, one action a line", () => {
    const row = trajectoryRow(trajectory, room, {
      completion: "actions",
      instruction: "Reach G.",
      info: false,
    });
    expect(row.prompt).toBe("Reach G.\n\n####\n#A.#\n#.G#\n####");
    expect(row.completion).toBe("up\nright\ndown");
    expect(row.steps[0]?.info).toBeUndefined();
  });

  it("caps episodes without an end and marks the last step truncated", () => {
    const endless = createEnvironment("empty-room", { size: 4, max_episode_steps: 1000 });
    const capped = rollout({
      environment: endless,
      seed: 1,
      maxSteps: 4,
      policy: randomPolicy({ space: endless.actionSpace, random: mulberry32(1) }),
    });
    expect(capped.steps.length).toBe(4);
    expect(capped.steps[3]?.truncated).toBe(true);
  });
});
