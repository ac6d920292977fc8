import { describe, expect, it } from "vitest";
import { buildFromDefinition } from "../definition.js";
import type { Recommendation, RecommendationObservation } from "./recommendation.js";
import { recommendation } from "./recommendation-definition.js";

const make = (options: Record<string, unknown> = {}) =>
  buildFromDefinition(recommendation, options) as Recommendation;

/** Topics by the profile's taste, best first. */
function ranked(observation: RecommendationObservation): number[] {
  return Array.from(observation.profile, (value, topic) => ({ value, topic }))
    .sort((a, b) => b.value - a.value)
    .map(({ topic }) => topic);
}

/** Mean clicks per session over users, for a policy choosing (topic, new item) by step. */
function clicksPerSession(world: Recommendation, topicAt: (ranks: number[], step: number) => number): number {
  let clicks = 0;
  const users = 200;
  for (let user = 0; user < users; user++) {
    let { observation } = world.reset({ seed: 5000 + user });
    const shown = new Map<number, number>();
    for (let step = 0; ; step++) {
      const topic = topicAt(ranked(observation), step);
      const next = shown.get(topic) ?? 0;
      shown.set(topic, next + 1);
      const result = world.step(world.itemsOf(topic)[next % world.itemsOf(topic).length] as number);
      clicks += result.reward;
      observation = result.observation;
      if (result.terminated || result.truncated) break;
    }
  }
  return clicks / users;
}

describe("recommendation simulator", () => {
  it("clicks with σ(bias + taste + quality − β·familiarity ± novelty) and updates familiarity", () => {
    const world = make({ users: "fixed", user_seed: 3, novelty_bonus: 0.5, repeat_penalty: 1 });
    world.reset({ seed: 1 });
    const { affinity, boredom } = world.user;
    const quality = world.catalogue.quality;
    const logit = (item: number, familiarity: number, seen: boolean) =>
      (affinity[item % 10] as number) + (quality[item] as number) - boredom * familiarity + (seen ? -1 : 0.5);
    const logistic = (value: number) => 1 / (1 + Math.exp(-value));
    const first = world.step(12);
    expect(first.info.click_probability).toBeCloseTo(logistic(logit(12, 0, false)), 12);
    expect(first.info).toMatchObject({ item: 12, topic: 2, new_item: true });
    expect(first.observation.familiarity[2]).toBe(1);
    const second = world.step(12); // the same item again: familiar topic and a repeat
    expect(second.info.click_probability).toBeCloseTo(logistic(logit(12, 1, true)), 12);
    expect(second.info.new_item).toBe(false);
    expect(second.observation.familiarity[2]).toBeCloseTo(0.9 + 1, 12);
    const third = world.step(3);
    expect(third.observation.familiarity[2]).toBeCloseTo(1.9 * 0.9, 12);
    expect(third.observation.familiarity[3]).toBe(1);
  });

  it("spends the budget: 1 a step, clickRefund back per click; the user leaves at 0", () => {
    const world = make({ patience: 2, click_refund: 0.5 });
    world.reset({ seed: 2 });
    let budget = 2;
    for (let step = 0; step < 100; step++) {
      const result = world.step(step % 100);
      budget += (result.info.clicked ? 0.5 : 0) - 1;
      expect(result.info.budget).toBeCloseTo(budget, 12);
      if (result.terminated) {
        expect(budget).toBeLessThanOrEqual(0);
        return;
      }
    }
    throw new Error("the user never left");
  });

  it("repeats a session for a seed and draws a new user per seed", () => {
    const run = (seed: number) => {
      const world = make();
      world.reset({ seed });
      const clicks: number[] = [];
      for (let step = 0; step < 10; step++) {
        const result = world.step(step * 7);
        clicks.push(result.reward);
        if (result.terminated) break;
      }
      return { clicks, taste: Array.from(world.user.affinity) };
    };
    expect(run(4)).toEqual(run(4));
    expect(run(4).taste).not.toEqual(run(5).taste);
  });

  it("users tire of the familiar: rotating over the top three topics keeps them longer than the favourite alone", () => {
    const world = make();
    const favourite = clicksPerSession(world, (ranks) => ranks[0] as number);
    const rotating = clicksPerSession(world, (ranks, step) => ranks[step % 3] as number);
    expect(rotating).toBeGreaterThan(favourite * 1.3);
    // ...while the favourite topic is the best single recommendation at the start of a session.
    let favouriteFirst = 0;
    let thirdFirst = 0;
    for (let user = 0; user < 200; user++) {
      const { observation } = world.reset({ seed: 9000 + user });
      const probabilities = world.clickProbabilities();
      const ranks = ranked(observation);
      favouriteFirst += probabilities[ranks[0] as number] as number;
      thirdFirst += probabilities[ranks[2] as number] as number;
    }
    expect(favouriteFirst).toBeGreaterThan(thirdFirst);
  });

  it("renders the user as text and SVG", () => {
    const world = make();
    const { observation } = world.reset({ seed: 1 });
    expect(world.observationText(observation)).toMatch(
      /^User 1, step 1\. Seems to like topic \d, topic \d, topic \d\.\nNothing shown yet\./,
    );
    expect(world.renderText().split("\n")).toHaveLength(11);
    expect(world.renderSvg()).toMatch(/^<svg/);
  });
});
