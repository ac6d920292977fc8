import { describe, expect, it } from "vitest";
import { createEnvironment } from "../../environments.js";
import type { DonorGameEnvironment } from "./donor-game-environment.js";

function play(environment: DonorGameEnvironment, seed: number, action: (step: number) => number) {
  let { observation } = environment.reset({ seed });
  const rewards: number[] = [];
  const texts: string[] = [environment.observationText(observation)];
  for (let step = 0; ; step++) {
    const transition = environment.step(action(step));
    rewards.push(transition.reward);
    observation = transition.observation;
    if (transition.terminated) return { rewards, texts, final: transition.info.resources as number };
    texts.push(environment.observationText(observation));
  }
}

describe("donor-game environment (one seat of a generation)", () => {
  it("one step per round; the return is final resources minus the endowment; deterministic for a seed", () => {
    const environment = createEnvironment("donor-game", { agents: 6, rounds: 5 }) as DonorGameEnvironment;
    const first = play(environment, 3, () => 5);
    expect(first.rewards).toHaveLength(5);
    expect(first.rewards.reduce((total, reward) => total + reward, 0)).toBeCloseTo(first.final - 10, 9);
    expect(play(environment, 3, () => 5)).toEqual(first);
    expect(play(environment, 4, () => 5).rewards).not.toEqual(first.rewards);
    expect(environment.actionSpace).toMatchObject({ kind: "discrete", n: 11 });
    expect(first.texts[1]).toMatch(/Round 2 of 5: you have [\d.]+ units and are the donor/);
  });

  it("a reputation: a learner that never gives ends poorer among reciprocators than one that gives half", () => {
    const environment = createEnvironment("donor-game", { agents: 8, rounds: 10 }) as DonorGameEnvironment;
    let stingy = 0;
    let generous = 0;
    for (let seed = 1; seed <= 20; seed++) {
      stingy += Math.log(Math.max(1e-9, play(environment, seed, () => 0).final));
      generous += Math.log(Math.max(1e-9, play(environment, seed, () => 5).final));
    }
    expect(generous).toBeGreaterThan(stingy);
  });

  it("offers punishment actions only when allowed and refuses bad actions and steps after the end", () => {
    const punishing = createEnvironment("donor-game", { punishment: true, levels: 3, agents: 3, rounds: 1 });
    expect(punishing.actionSpace).toMatchObject({
      n: 5,
      labels: ["donate 0%", "donate 50%", "donate 100%", "punish 50%", "punish 100%"],
    });
    punishing.reset({ seed: 1 });
    expect(() => punishing.step(9)).toThrow(/integer in \[0, 5\)/);
    expect(punishing.step(4).terminated).toBe(true);
    expect(() => punishing.step(0)).toThrow(/after the episode ended/);
  });
});
