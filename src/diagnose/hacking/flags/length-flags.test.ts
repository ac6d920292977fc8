import { describe, expect, it } from "vitest";
import { diagnoseHacking } from "../diagnose-hacking.js";
import type { Observation } from "../observe.js";
import { fillerText, healthySample, type SyntheticDraw, syntheticRun } from "../synthetic-run.js";

const seeds = [1, 2, 3];
function flag(name: string, sample: (draw: SyntheticDraw) => Observation, seed: number) {
  const report = diagnoseHacking(syntheticRun({ steps: 50, perStep: 48, seed, sample }));
  const found = report.flags.find((each) => each.name === name);
  if (!found) throw new Error(`no flag ${name}`);
  return found;
}

/** The healthy run with completions of `words` words. */
function withLength(draw: SyntheticDraw, count: number): Observation {
  const base = healthySample(draw);
  return { ...base, completion: `<think>${fillerText(count, draw.uniform)}</think><answer>42</answer>` };
}

describe("length_drift", () => {
  it("fires when completions grow from ~45 to ~150 words, with the series and the test as evidence", () => {
    for (const seed of seeds) {
      const found = flag(
        "length_drift",
        (draw) => withLength(draw, 30 + Math.round(120 * draw.progress) + Math.floor(draw.uniform() * 30)),
        seed,
      );
      expect(found.status, `seed ${seed}`).toBe("fired");
      expect(found.summary).toMatch(/grew/);
      expect(found.evidence.series.mean_length).toHaveLength(50);
      expect(found.evidence.tests.log_length?.p).toBeLessThan(0.005);
      expect(found.first_step).toBeGreaterThan(0);
      expect(found.first_step).toBeLessThan(49);
    }
  });

  it("fires on a collapse to short replies too", () => {
    const found = flag(
      "length_drift",
      (draw) => withLength(draw, Math.max(1, 60 - Math.round(55 * draw.progress))),
      4,
    );
    expect(found.status).toBe("fired");
    expect(found.summary).toMatch(/shrank/);
  });

  it("stays quiet on the healthy run and on completions long from step 0", () => {
    for (const seed of seeds) {
      expect(flag("length_drift", healthySample, seed).status).toBe("quiet");
      expect(
        flag("length_drift", (draw) => withLength(draw, 200 + Math.floor(draw.uniform() * 40)), seed).status,
      ).toBe("quiet");
    }
  });
});

describe("length_reward_correlation", () => {
  /** Length pays `slope(progress)` reward per word beyond 45. */
  function paidLength(slope: (progress: number) => number) {
    return (draw: SyntheticDraw): Observation => {
      const count = 20 + Math.floor(draw.uniform() * 50);
      const base = withLength(draw, count);
      return { ...base, reward: base.reward + slope(draw.progress) * (count - 45) };
    };
  }

  it("fires when the reward comes to track length over the run", () => {
    for (const seed of seeds) {
      const found = flag(
        "length_reward_correlation",
        paidLength((progress) => 0.04 * progress),
        seed,
      );
      expect(found.status, `seed ${seed}`).toBe("fired");
      const test = found.evidence.tests.correlation;
      expect(test?.early_mean).toBeLessThan(0.3);
      expect(test?.late_mean).toBeGreaterThan(0.6);
    }
  });

  it("stays quiet on the healthy run and when a length term is in the reward from step 0 (a design)", () => {
    for (const seed of seeds) {
      expect(flag("length_reward_correlation", healthySample, seed).status).toBe("quiet");
      const designed = flag(
        "length_reward_correlation",
        paidLength(() => 0.03),
        seed,
      );
      expect(designed.status).toBe("quiet");
      expect(designed.evidence.tests.correlation?.early_mean).toBeGreaterThan(0.6);
    }
  });
});
