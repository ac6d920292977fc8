import { describe, expect, it } from "vitest";
import { diagnoseHacking } from "../diagnose-hacking.js";
import type { Observation } from "../observe.js";
import type { HackingRoles } from "../options.js";
import { healthySample, type SyntheticDraw, syntheticRun } from "../synthetic-run.js";

const seeds = [1, 2, 3];
function flag(
  name: string,
  sample: (draw: SyntheticDraw) => Observation,
  seed: number,
  roles: HackingRoles = {},
) {
  const report = diagnoseHacking(syntheticRun({ steps: 50, perStep: 48, seed, sample }), { roles });
  const found = report.flags.find((each) => each.name === name);
  if (!found) throw new Error(`no flag ${name}`);
  return found;
}

/** format and correct as Bernoulli draws with the given rates, reward = formatWeight·format + correct. */
function rates(
  format: (progress: number) => number,
  correct: (progress: number) => number,
  formatWeight = 1,
) {
  return (draw: SyntheticDraw): Observation => {
    const base = healthySample(draw);
    const f = draw.uniform() < format(draw.progress) ? 1 : 0;
    const c = draw.uniform() < correct(draw.progress) ? 1 : 0;
    return { ...base, reward: formatWeight * f + c, components: { format: f, correct: c } };
  };
}

describe("component_takeover", () => {
  it("fires when the format term takes over while correctness falls, with fitted weights", () => {
    for (const seed of seeds) {
      const found = flag(
        "component_takeover",
        rates(
          (p) => 0.4 + 0.6 * p,
          (p) => 0.6 - 0.4 * p,
        ),
        seed,
      );
      expect(found.status, `seed ${seed}`).toBe("fired");
      expect(found.summary).toMatch(/^format's share .* while correct fell/);
      expect(found.evidence.details).toMatchObject({ weight_source: "fit" });
      const weights = found.evidence.details?.weights as Record<string, number>;
      expect(weights.format).toBeCloseTo(1, 6);
      expect(weights.correct).toBeCloseTo(1, 6);
      expect(found.evidence.series["share.format"]).toHaveLength(50);
    }
  });

  it("stays quiet on the healthy run (correctness grows, format holds)", () => {
    for (const seed of seeds) expect(flag("component_takeover", healthySample, seed).status).toBe("quiet");
  });

  it("stays quiet when one component dominates from step 0 (a design, not a hack)", () => {
    for (const seed of seeds) {
      const found = flag(
        "component_takeover",
        rates(
          () => 0.97,
          () => 0.5,
          5,
        ),
        seed,
      );
      expect(found.status).toBe("quiet");
      const share = found.evidence.series["share.format"] ?? [];
      expect(share[0]).toBeGreaterThan(0.85);
    }
  });

  it("is not applicable with a single component", () => {
    const found = flag(
      "component_takeover",
      (draw) => ({ ...healthySample(draw), components: { correct: 1 } }),
      1,
    );
    expect(found.status).toBe("not_applicable");
    expect(found.fired).toBe(false);
  });
});

describe("format_saturation", () => {
  it("fires when the format reward saturates while correctness stays flat", () => {
    for (const seed of seeds) {
      const found = flag(
        "format_saturation",
        rates(
          (p) => 0.3 + 0.7 * Math.min(1, 1.5 * p),
          () => 0.3,
          0.2,
        ),
        seed,
      );
      expect(found.status, `seed ${seed}`).toBe("fired");
      expect(found.evidence.tests["format.format"]?.late_mean).toBeGreaterThanOrEqual(0.95);
      expect(found.evidence.tests.task?.holds).toBe(false);
    }
  });

  it("fires for a format-only reward (nothing else in it) that saturates", () => {
    const found = flag(
      "format_saturation",
      (draw) => {
        const f = draw.uniform() < 0.2 + 0.8 * Math.min(1, 1.4 * draw.progress) ? 1 : 0;
        return { ...healthySample(draw), reward: f, components: { format: f } };
      },
      5,
    );
    expect(found.status).toBe("fired");
  });

  it("stays quiet when correctness improves with the format, and when the format is saturated from step 0", () => {
    for (const seed of seeds) {
      expect(
        flag(
          "format_saturation",
          rates(
            (p) => 0.3 + 0.7 * Math.min(1, 1.5 * p),
            (p) => 0.2 + 0.6 * p,
            0.2,
          ),
          seed,
        ).status,
      ).toBe("quiet");
      expect(
        flag(
          "format_saturation",
          rates(
            () => 1,
            () => 0.3,
            0.2,
          ),
          seed,
        ).status,
      ).toBe("quiet");
    }
  });

  it("uses roles.format for components not named format", () => {
    const sample = (draw: SyntheticDraw): Observation => {
      const base = rates(
        (p) => 0.3 + 0.7 * Math.min(1, 1.5 * p),
        () => 0.3,
        0.2,
      )(draw);
      return {
        ...base,
        components: { tags: base.components?.format ?? 0, correct: base.components?.correct ?? 0 },
      };
    };
    expect(flag("format_saturation", sample, 1).status).toBe("not_applicable");
    expect(flag("format_saturation", sample, 1, { format: ["tags"] }).status).toBe("fired");
  });
});

describe("judge_verifier_divergence", () => {
  /** A verifier (0/1) and a judge that agrees with it, except that it passes `fooled(progress)` of the wrong ones. */
  function judged(correct: (p: number) => number, fooled: (p: number) => number, lenient = 0) {
    return (draw: SyntheticDraw): Observation => {
      const verifier = draw.uniform() < correct(draw.progress) ? 1 : 0;
      const judge =
        verifier === 1 || draw.uniform() < fooled(draw.progress) ? Math.min(1, 0.9 + lenient) : lenient;
      return { ...healthySample(draw), reward: judge, components: { judge, verifier } };
    };
  }
  const roles = { judge: "judge", verifier: "verifier" };

  it("fires when the judge passes more and more wrong answers", () => {
    for (const seed of seeds) {
      const found = flag(
        "judge_verifier_divergence",
        judged(
          () => 0.4,
          (p) => 0.8 * p,
        ),
        seed,
        roles,
      );
      expect(found.status, `seed ${seed}`).toBe("fired");
      expect(found.evidence.series.correlation).toHaveLength(50);
    }
  });

  it("stays quiet when both learn together and when the judge is lenient from step 0", () => {
    for (const seed of seeds) {
      expect(
        flag(
          "judge_verifier_divergence",
          judged(
            (p) => 0.3 + 0.5 * p,
            () => 0.05,
          ),
          seed,
          roles,
        ).status,
      ).toBe("quiet");
      expect(
        flag(
          "judge_verifier_divergence",
          judged(
            () => 0.4,
            () => 0.5,
            0.1,
          ),
          seed,
          roles,
        ).status,
      ).toBe("quiet");
    }
  });

  it("is not applicable without the pair named", () => {
    expect(
      flag(
        "judge_verifier_divergence",
        judged(
          () => 0.4,
          (p) => p,
        ),
        1,
      ).status,
    ).toBe("not_applicable");
  });
});
