import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../core/index.js";
import { createEnvironment } from "../environments.js";
import { VectorEnvironment } from "./vector-environment.js";

/** Two 2 × 2 rooms: start top-left, goal bottom-right, reached by right then down. */
function rooms(count: number, autoreset?: "next-step" | "same-step") {
  const environments = Array.from({ length: count }, () =>
    createEnvironment("empty-room", { size: 2, max_episode_steps: 4 }),
  );
  return new VectorEnvironment({ environments, ...(autoreset ? { autoreset } : {}) });
}

describe("VectorEnvironment", () => {
  it("next-step autoreset (Gymnasium ≥ 1.0): the step after the end resets, ignores the action, reward 0", () => {
    const vector = rooms(2);
    const start = vector.reset({ seed: 0 }).observations.map((observation) => observation.cell);
    expect(start).toEqual([5, 5]);
    let batch = vector.step([1, 0]);
    expect([...batch.rewards]).toEqual([0, 0]);
    batch = vector.step([2, 0]);
    expect(batch.observations[0]?.cell).toBe(10); // the goal: the episode's last observation
    expect([...batch.terminated]).toEqual([1, 0]);
    expect([...batch.rewards]).toEqual([1, 0]);
    expect([...batch.restarted]).toEqual([0, 0]);
    batch = vector.step([1, 0]); // sub-environment 0's action is ignored
    expect(batch.observations[0]?.cell).toBe(5);
    expect([...batch.rewards]).toEqual([0, 0]);
    expect([...batch.terminated]).toEqual([0, 0]);
    expect([...batch.restarted]).toEqual([1, 0]);
    expect(batch.infos[0]).toEqual({ layout: "empty-room/fixed" }); // the reset's info
    batch = vector.step([1, 0]); // sub-environment 1 hits its time limit (4 steps)
    expect(batch.observations[0]?.cell).toBe(6);
    expect([...batch.truncated]).toEqual([0, 1]);
    batch = vector.step([0, 1]);
    expect([...batch.restarted]).toEqual([0, 1]);
    expect(batch.observations[1]?.cell).toBe(5);
  });

  it("same-step autoreset: the ending step returns the next first observation and keeps the last one aside", () => {
    const vector = rooms(2, "same-step");
    vector.reset({ seed: 0 });
    vector.step([1, 0]);
    const batch = vector.step([2, 0]);
    expect([...batch.terminated]).toEqual([1, 0]);
    expect([...batch.rewards]).toEqual([1, 0]);
    expect([...batch.restarted]).toEqual([1, 0]);
    expect(batch.observations[0]?.cell).toBe(5);
    expect(batch.finalObservations[0]?.cell).toBe(10);
    expect(batch.finalInfos[0]).toMatchObject({ event: "reached_goal" });
    expect(batch.finalObservations[1]).toBeUndefined();
    const next = vector.step([1, 0]); // the action counts: a new episode is under way
    expect(next.observations[0]?.cell).toBe(6);
    expect(next.finalObservations[0]).toBeUndefined();
  });

  it("seeds sub-environment i with seed + i, and repeats a whole run for a seed", () => {
    const make = () =>
      new VectorEnvironment({
        environments: Array.from({ length: 4 }, () =>
          createEnvironment("key-door", { layout: "procedural" }),
        ),
      });
    const vector = make();
    const { observations } = vector.reset({ seed: 10 });
    observations.forEach((observation, index) => {
      const alone = createEnvironment("key-door", { layout: "procedural" });
      expect(observation.layout.id).toBe(alone.reset({ seed: 10 + index }).observation.layout.id);
    });
    const run = (seed: number) => {
      const environment = make();
      environment.reset({ seed });
      const random = mulberry32(3);
      const trace: number[] = [];
      for (let step = 0; step < 600; step++) {
        const batch = environment.step(Array.from({ length: 4 }, () => Math.floor(random() * 4)));
        for (let index = 0; index < 4; index++) {
          trace.push((batch.observations[index]?.cell ?? -1) * 10 + (batch.restarted[index] as number));
        }
      }
      return trace;
    };
    const first = run(10);
    expect(run(10)).toEqual(first);
    expect(run(11)).not.toEqual(first);
    expect(first.filter((value) => value % 10 === 1).length).toBeGreaterThan(0); // episodes did end and restart
  });

  it("refuses a step before reset and a wrong number of actions", () => {
    const vector = rooms(2);
    expect(() => vector.step([0, 0])).toThrow(/reset/);
    vector.reset();
    expect(() => vector.step([0])).toThrow(/expected 2 actions/);
  });
});
