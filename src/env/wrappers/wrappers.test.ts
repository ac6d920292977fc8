import { describe, expect, it } from "vitest";
import { createEnvironment } from "../environments.js";
import type { GridObservation } from "../gridworld/grid-world.js";
import { type IntrinsicBonus, withIntrinsicBonus } from "./intrinsic-bonus.js";
import { withTimeLimit } from "./time-limit.js";

/** A first-visit bonus over cells (count.py's episodic indicator 1[N_episode == 1]), for the test. */
function firstVisit(name = "first_visit"): IntrinsicBonus<GridObservation> & { episodes: number } {
  let seen = new Set<number>();
  return {
    name,
    episodes: 0,
    startEpisode(observation) {
      this.episodes++;
      seen = new Set([observation.cell]);
    },
    bonus({ next }) {
      if (seen.has(next.cell)) return 0;
      seen.add(next.cell);
      return 1;
    },
  };
}

describe("TimeLimit", () => {
  it("truncates after N steps, but a termination at step N stays a termination", () => {
    const room = withTimeLimit(createEnvironment("empty-room", { size: 2 }), 2);
    expect(room.maxEpisodeSteps).toBe(2);
    room.reset();
    expect(room.step(0).truncated).toBe(false);
    expect(room.step(0)).toMatchObject({ truncated: true, terminated: false });
    room.reset();
    room.step(1);
    expect(room.step(2)).toMatchObject({ terminated: true, truncated: false, reward: 1 });
    room.reset();
    expect(room.step(0).truncated).toBe(false); // the count restarts with the episode
    expect(room.inner.id).toBe("empty-room");
  });
});

describe("IntrinsicBonusWrapper", () => {
  it("adds coefficient × bonus and keeps extrinsic and intrinsic parts apart in info", () => {
    const bonus = firstVisit();
    const room = withIntrinsicBonus(createEnvironment("empty-room", { size: 2 }), {
      bonus,
      coefficient: 0.5,
    });
    room.reset();
    expect(bonus.episodes).toBe(1);
    const bump = room.step(0); // into the wall: no new cell
    expect(bump.reward).toBe(0);
    expect(bump.info).toMatchObject({
      extrinsic_reward: 0,
      intrinsic_reward: 0,
      intrinsic_bonuses: { first_visit: 0 },
    });
    const move = room.step(1); // a new cell
    expect(move.reward).toBe(0.5);
    expect(move.info).toMatchObject({ extrinsic_reward: 0, intrinsic_reward: 0.5, event: "moved" });
    const goal = room.step(2); // new cell and the goal
    expect(goal.reward).toBe(1.5);
    expect(goal.info).toMatchObject({ extrinsic_reward: 1, intrinsic_reward: 0.5 });
    room.reset();
    expect(bonus.episodes).toBe(2);
    expect(room.step(1).reward).toBe(0.5); // episodic: the cell is new again
  });

  it("stacks: the outer wrapper keeps the environment's reward as extrinsic and sums the intrinsic parts", () => {
    const room = withIntrinsicBonus(
      withIntrinsicBonus(createEnvironment("empty-room", { size: 2 }), {
        bonus: firstVisit("inner"),
        coefficient: 0.5,
      }),
      { bonus: firstVisit("outer"), coefficient: 2 },
    );
    room.reset();
    room.step(1);
    const goal = room.step(2);
    expect(goal.reward).toBeCloseTo(1 + 0.5 + 2, 12);
    expect(goal.info).toMatchObject({
      extrinsic_reward: 1,
      intrinsic_reward: 2.5,
      intrinsic_bonuses: { inner: 1, outer: 1 },
    });
  });

  it("refuses a non-finite bonus, naming it", () => {
    const broken: IntrinsicBonus<GridObservation> = {
      name: "broken",
      startEpisode() {},
      bonus: () => Number.NaN,
    };
    const room = withIntrinsicBonus(createEnvironment("empty-room"), { bonus: broken });
    room.reset();
    expect(() => room.step(1)).toThrow(/broken returned NaN/);
  });
});
