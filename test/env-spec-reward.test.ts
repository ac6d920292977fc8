import { describe, expect, it } from "vitest";
import type { Context, Reward, Sample } from "../src/core/index.js";
import { createContext } from "../src/core/index.js";
import { loadSpec } from "../src/engine/index.js";
import {
  createEnvironment,
  rolloutAsync,
  SpecRewardVectorEnvironment,
  VectorEnvironment,
  withSpecReward,
} from "../src/env/index.js";

/** A compiled spec: 1 for the action "right", plus 10 × the environment's own reward. */
async function rightPlusGoal() {
  const loaded = await loadSpec({
    version: 1,
    reward: {
      type: "weighted",
      terms: [
        { weight: 1, reward: { type: "regex", name: "went_right", pattern: "^right$" } },
        { weight: 10, reward: { type: "field", name: "goal", path: "meta.environment_reward" } },
      ],
    },
  });
  return loaded.reward;
}

/** Delegates to a reward and keeps every batch it was asked to score. */
function recording(inner: Reward): Reward & { batches: Sample[][] } {
  const batches: Sample[][] = [];
  return {
    name: inner.name,
    batches,
    score(batch: readonly Sample[], context: Context) {
      batches.push([...batch]);
      return inner.score(batch, context);
    },
  };
}

describe("a spec as an environment's reward (the sample is the step)", () => {
  it("replaces the reward with the spec's score and keeps the parts in info", async () => {
    const reward = recording(await rightPlusGoal());
    const room = withSpecReward(createEnvironment("empty-room", { size: 2 }), {
      reward,
      context: createContext(),
    });
    room.reset();
    const first = await room.step(1);
    expect(first.reward).toBe(1);
    expect(first.info).toMatchObject({
      environment_reward: 0,
      spec_reward: 1,
      spec_components: { went_right: 1, goal: 0 },
      event: "moved",
    });
    const second = await room.step(2);
    expect(second.reward).toBe(10);
    expect(second.info).toMatchObject({ environment_reward: 1, spec_reward: 10, event: "reached_goal" });
    const [sample] = reward.batches[1] ?? [];
    expect(sample).toMatchObject({
      id: "empty-room/0/1",
      completion: "down",
      meta: {
        environment: "empty-room",
        episode: 0,
        step: 1,
        environment_reward: 1,
        terminated: true,
        truncated: false,
      },
    });
    expect(sample?.prompt).toBe("####\n#.A#\n#.G#\n####");
    expect(sample?.meta?.next_observation).toBe("####\n#..#\n#.A#\n####");
  });

  it("adds weight × score to the environment's reward in `add` mode", async () => {
    const room = withSpecReward(createEnvironment("empty-room", { size: 2 }), {
      reward: await rightPlusGoal(),
      context: createContext(),
      mode: "add",
      weight: 0.5,
    });
    room.reset();
    expect((await room.step(1)).reward).toBe(0.5);
    expect((await room.step(2)).reward).toBe(1 + 0.5 * 10);
  });

  it("shows the episode so far as a chat with `prompt: history`", async () => {
    const reward = recording(await rightPlusGoal());
    const room = withSpecReward(createEnvironment("empty-room", { size: 2 }), {
      reward,
      context: createContext(),
      prompt: "history",
    });
    const trajectory = await rolloutAsync({
      environment: room,
      policy: (_, { step }) => (step === 0 ? 1 : 2),
    });
    expect(trajectory.steps.map((step) => step.reward)).toEqual([1, 10]);
    const prompt = reward.batches[1]?.[0]?.prompt;
    expect(prompt).toEqual([
      { role: "user", content: "####\n#A.#\n#.G#\n####" },
      { role: "assistant", content: "right" },
      { role: "user", content: "####\n#.A#\n#.G#\n####" },
    ]);
  });

  it("records a failing spec's error; the score is its on_error", async () => {
    const loaded = await loadSpec({
      version: 1,
      reward: { type: "field", path: "meta.info.missing", on_error: -1 },
    });
    const room = withSpecReward(createEnvironment("empty-room"), {
      reward: loaded.reward,
      context: createContext(),
    });
    room.reset();
    const step = await room.step(1);
    expect(step.reward).toBe(-1);
    expect(step.info.spec_error).toMatchObject({ code: "NOT_APPLICABLE" });
  });

  it("scores a vector environment's steps in one batch per step, skipping next-step reset steps", async () => {
    const reward = recording(await rightPlusGoal());
    const vector = new VectorEnvironment({
      environments: Array.from({ length: 3 }, () => createEnvironment("empty-room", { size: 2 })),
    });
    const scored = new SpecRewardVectorEnvironment(vector, { reward, context: createContext() });
    scored.reset({ seed: 0 });
    let batch = await scored.step([1, 0, 1]);
    expect([...batch.rewards]).toEqual([1, 0, 1]);
    batch = await scored.step([2, 0, 3]);
    expect([...batch.rewards]).toEqual([10, 0, 0]);
    expect(batch.infos[0]).toMatchObject({ environment_reward: 1, spec_reward: 10 });
    batch = await scored.step([1, 1, 1]); // sub-environment 0 restarts: not a transition
    expect([...batch.restarted]).toEqual([1, 0, 0]);
    expect([...batch.rewards]).toEqual([0, 1, 1]);
    expect(reward.batches.map((samples) => samples.length)).toEqual([3, 3, 2]);
    expect(reward.batches[2]?.map((sample) => sample.id)).toEqual(["empty-room[1]/0/2", "empty-room[2]/0/2"]);
    batch = await scored.step([1, 0, 0]);
    expect(reward.batches[3]?.[0]?.id).toBe("empty-room[0]/1/0"); // sub-environment 0's second episode
  });
});
