import { describe, expect, it } from "vitest";
import { batchOf, expectClose, runEstimator } from "../../test/helpers/advantage-batch.js";
import { mulberry32 } from "../core/index.js";
import { fitMonotonicMixer } from "./monotonic-mixer.js";

/** A batch of team episodes: per episode one sample per agent, its reward the agent's utility. */
function teamBatch(episodes: { utilities: Record<string, number>; team: number }[]) {
  const rewards: number[] = [];
  const groups: number[] = [];
  const samples: { meta: Record<string, unknown> }[] = [];
  episodes.forEach((episode, g) => {
    for (const [agent, utility] of Object.entries(episode.utilities)) {
      rewards.push(utility);
      groups.push(g);
      samples.push({ meta: { agent, team_reward: episode.team } });
    }
  });
  return batchOf(rewards, groups, { samples });
}

describe("monotonic mixer (QMIX's w ≥ 0, per-agent weights: reconstructed)", () => {
  it("recovers R = 1 + 2·q_a + 0.5·q_b exactly, and clips a harmful agent's weight to 0", () => {
    const next = mulberry32(3);
    const utilities = Array.from({ length: 40 }, () => [next(), next(), next()]);
    const returns = utilities.map(
      ([a, b, c]) => 1 + 2 * (a as number) + 0.5 * (b as number) - 1.5 * (c as number),
    );
    const fit = fitMonotonicMixer({ utilities, returns });
    expect(fit.weights[2]).toBe(0);
    const clean = fitMonotonicMixer({
      utilities: utilities.map((row) => row.slice(0, 2)),
      returns: utilities.map(([a, b]) => 1 + 2 * (a as number) + 0.5 * (b as number)),
    });
    expectClose(clean.weights, [2, 0.5], 1e-8);
    expect(clean.bias).toBeCloseTo(1, 8);
    expect(clean.explained).toBeCloseTo(1, 10);
  });
});

describe("value_factorization estimator", () => {
  it("credits the agent whose utility drives the team return, not the bystander", () => {
    // The team scores when the carrier carries (R = 3·q_carrier); the bystander's utility is noise.
    const next = mulberry32(9);
    const episodes = Array.from({ length: 30 }, () => {
      const carrier = next() < 0.5 ? 1 : 0;
      return { utilities: { carrier, bystander: next() }, team: 3 * carrier };
    });
    const output = runEstimator({ type: "value_factorization" }, teamBatch(episodes));
    expect(output.diagnostics?.["mixer_weight.carrier"]).toBeCloseTo(3, 6);
    expect(output.diagnostics?.["mixer_weight.bystander"]).toBeLessThan(1e-6);
    const carrierAdvantages = output.advantages.filter((_, index) => index % 2 === 0);
    const bystanderAdvantages = output.advantages.filter((_, index) => index % 2 === 1);
    for (const value of bystanderAdvantages) expect(Math.abs(value)).toBeLessThan(1e-6);
    episodes.forEach((episode, g) => {
      expect(Math.sign(carrierAdvantages[g] as number)).toBe(episode.utilities.carrier ? 1 : -1);
    });
  });

  it("additive (VDN): each agent's utility against its own mean", () => {
    const output = runEstimator(
      { type: "value_factorization", mixer: "additive" },
      teamBatch([
        { utilities: { a: 1, b: 0 }, team: 1 },
        { utilities: { a: 0, b: 2 }, team: 2 },
      ]),
    );
    expectClose(output.advantages, [0.5, -1, -0.5, 1]);
  });

  it("names the sample with a missing agent or a team return that differs inside an episode", () => {
    const input = teamBatch([{ utilities: { a: 1, b: 0 }, team: 1 }]);
    const broken = {
      ...input,
      samples: input.samples.map((sample, index) =>
        index === 1 ? { ...sample, meta: { agent: "b", team_reward: 2 } } : sample,
      ),
    };
    expect(() => runEstimator({ type: "value_factorization" }, broken)).toThrow(/one return: 2 ≠ 1/);
    const anonymous = {
      ...input,
      samples: input.samples.map((sample) => ({ ...sample, meta: { team_reward: 1 } })),
    };
    expect(() => runEstimator({ type: "value_factorization" }, anonymous)).toThrow(/agent's name/);
  });
});
