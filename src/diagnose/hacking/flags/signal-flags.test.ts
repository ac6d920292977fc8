import { describe, expect, it } from "vitest";
import { diagnoseHacking } from "../diagnose-hacking.js";
import type { Observation } from "../observe.js";
import { healthySample, type SyntheticDraw, syntheticRun } from "../synthetic-run.js";

const seeds = [1, 2, 3];
function run(sample: (draw: SyntheticDraw) => Observation, seed: number, steps = 50) {
  return diagnoseHacking(syntheticRun({ steps, perStep: 48, seed, sample }));
}
function flag(name: string, sample: (draw: SyntheticDraw) => Observation, seed: number, steps = 50) {
  const found = run(sample, seed, steps).flags.find((each) => each.name === name);
  if (!found) throw new Error(`no flag ${name}`);
  return found;
}

describe("gold_divergence", () => {
  /** Proxy rises linearly; the gold probe (on 20% of 64 samples a step, noise σ = 0.2) follows `gold(progress)`. */
  function probed(gold: (progress: number) => number, proxy: (progress: number) => number = (p) => p) {
    return (draw: SyntheticDraw): Observation => ({
      ...healthySample(draw),
      reward: proxy(draw.progress) + 0.3 * draw.normal(),
      ...(draw.uniform() < 0.2 ? { gold: gold(draw.progress) + 0.2 * draw.normal() } : {}),
    });
  }
  const probedRun = (gold: (p: number) => number, seed: number, proxy?: (p: number) => number) =>
    diagnoseHacking(syntheticRun({ steps: 80, perStep: 64, seed, sample: probed(gold, proxy) })).flags.find(
      (each) => each.name === "gold_divergence",
    );
  // Gao's RL form with its peak at progress 0.45 (gold 0.45), falling to 0.20 by the end.
  const gao = (p: number) => (p <= 0 ? 0 : p * (0.2015 - Math.log(p)));

  it("fires at the gold's turn, before the gold has fallen 0.1 below its peak, with Gao's fit as evidence", () => {
    // The noise-free gold first sits 0.1 below its peak (0.45) at step 62 of 80 (progress 0.785).
    const fallStep = 62;
    expect(gao(fallStep / 79)).toBeLessThan(gao(0.45) - 0.1);
    expect(gao((fallStep - 1) / 79)).toBeGreaterThan(gao(0.45) - 0.1);
    for (const seed of seeds) {
      const found = probedRun(gao, seed);
      expect(found?.status, `seed ${seed}`).toBe("fired");
      expect(found?.first_step, `seed ${seed}`).toBeLessThan(fallStep);
      const details = found?.evidence.details as {
        trigger: string;
        fit: { beta: number; beta_p: number; peak_x: number };
      };
      expect(details.trigger).toBe("fitted_peak");
      expect(details.fit.beta).toBeGreaterThan(0);
      expect(details.fit.beta_p).toBeLessThan(0.001);
      expect(found?.evidence.series.gold_fit?.some((value) => value !== null)).toBe(true);
    }
  });

  it("stays quiet when the gold rises with the reward, and when both saturate together", () => {
    const saturating = (p: number) => 1 - Math.exp(-6 * p);
    for (const seed of seeds) {
      expect(probedRun((p) => p, seed)?.status).toBe("quiet");
      expect(probedRun(saturating, seed, saturating)?.status).toBe("quiet");
    }
  });

  it("is not applicable without a gold probe", () => {
    expect(flag("gold_divergence", healthySample, 1).status).toBe("not_applicable");
  });
});

describe("variance_collapse", () => {
  /** With probability collapse(progress) a whole group of 8 gets one reward. */
  function collapsing(collapse: (progress: number) => number) {
    let groupShared = false;
    let groupReward = 0;
    return (draw: SyntheticDraw): Observation => {
      const base = healthySample(draw);
      if (draw.index % 8 === 0) {
        groupShared = draw.uniform() < collapse(draw.progress);
        groupReward = base.reward;
      }
      return groupShared ? { ...base, reward: groupReward } : base;
    };
  }

  it("fires when more and more groups have identical rewards", () => {
    for (const seed of seeds) {
      const found = flag(
        "variance_collapse",
        collapsing((p) => 0.8 * p),
        seed,
      );
      expect(found.status, `seed ${seed}`).toBe("fired");
      expect(found.evidence.tests.zero_std_fraction?.late_mean).toBeGreaterThan(0.5);
    }
  });

  it("stays quiet on the healthy run and with a constant 60% of easy groups from step 0", () => {
    for (const seed of seeds) {
      expect(flag("variance_collapse", healthySample, seed).status).toBe("quiet");
      expect(
        flag(
          "variance_collapse",
          collapsing(() => 0.6),
          seed,
        ).status,
      ).toBe("quiet");
    }
  });
});

describe("ensemble_disagreement", () => {
  /** Two members whose spread is `spread(progress)` (reported as the ensemble's disagreement component). */
  function members(spread: (progress: number) => number) {
    return (draw: SyntheticDraw): Observation => {
      const base = healthySample(draw);
      const half = Math.abs(spread(draw.progress) + 0.02 * draw.normal());
      return {
        ...base,
        components: {
          ...base.components,
          rm0: base.reward + half,
          rm1: base.reward - half,
          "rm.disagreement": half,
        },
      };
    };
  }

  it("fires on a late spike of disagreement", () => {
    for (const seed of seeds) {
      const found = flag(
        "ensemble_disagreement",
        members((p) => (p > 0.85 ? 0.5 : 0.1)),
        seed,
      );
      expect(found.status, `seed ${seed}`).toBe("fired");
      expect(found.summary).toMatch(/spiked/);
      const details = found.evidence.details?.["rm.disagreement"] as { spike_steps: number[] };
      expect(Math.min(...details.spike_steps)).toBeGreaterThanOrEqual(42);
    }
  });

  it("stays quiet with steady disagreement, low or high from step 0", () => {
    for (const seed of seeds) {
      expect(
        flag(
          "ensemble_disagreement",
          members(() => 0.1),
          seed,
        ).status,
      ).toBe("quiet");
      expect(
        flag(
          "ensemble_disagreement",
          members(() => 0.6),
          seed,
        ).status,
      ).toBe("quiet");
    }
  });
});

describe("degenerate-output flags", () => {
  const loop = "so the answer keeps going and ".repeat(12);
  const cases = [
    { name: "repeated_ngrams", text: () => `<think>${loop}</think><answer>42</answer>` },
    { name: "answer_hedging", text: () => "<think>hmm</think>The answer is 41 or 42." },
    { name: "master_key_replies", text: () => ":" },
  ] as const;
  /** The healthy run where `rate(progress)` of completions are replaced by `text()` (or the prompt + answer). */
  function spreading(text: ((draw: SyntheticDraw) => string) | "copy", rate: (progress: number) => number) {
    return (draw: SyntheticDraw): Observation => {
      const base = healthySample(draw);
      if (draw.uniform() >= rate(draw.progress)) return base;
      return { ...base, completion: text === "copy" ? `${base.prompt} 42` : text(draw) };
    };
  }

  for (const { name, text } of [...cases, { name: "copied_prompt", text: "copy" as const }]) {
    it(`${name}: fires when the pattern spreads, stays quiet at a constant rate from step 0 and on the healthy run`, () => {
      for (const seed of seeds) {
        const fired = flag(
          name,
          spreading(text, (p) => 0.4 * p),
          seed,
        );
        expect(fired.status, `${name} seed ${seed}`).toBe("fired");
        expect(fired.evidence.examples?.length).toBeGreaterThan(0);
        expect(fired.evidence.examples?.[0]?.signals).toContain(name);
        expect(
          flag(
            name,
            spreading(text, () => 0.3),
            seed,
          ).status,
          `${name} constant, seed ${seed}`,
        ).toBe("quiet");
        expect(flag(name, healthySample, seed).status, `${name} healthy, seed ${seed}`).toBe("quiet");
      }
    });
  }
});
