import { describe, expect, it } from "vitest";
import { bestOfNKl } from "../../select/index.js";
import type { Curve, CurvePoint } from "../results.js";
import { adaptiveClaims } from "./adaptive-claims.js";
import { constrainedClaims } from "./constrained-claims.js";
import { dpoClaims } from "./dpo-claims.js";
import type { ModeSummary } from "./mode-summary.js";
import type { CurveFit } from "./overoptimization.js";
import { inContinuousRegime, overoptimizationClaims } from "./overoptimization-claims.js";
import { unlikelinessClaims } from "./unlikeliness-claims.js";

const points = (gold: readonly number[], proxy?: readonly number[]): CurvePoint[] =>
  gold.map((value, step) => ({ step, kl: step * step, proxy: proxy?.[step] ?? step, gold: value }));

describe("over-optimization claims are decided on the run's numbers", () => {
  const curves = (singlePolicyGradient: number[]): Curve[] => [
    { method: "single", optimizer: "best_of_n", points: points([0, 0.5, 0.9, 1.0, 0.8]) },
    { method: "mean", optimizer: "best_of_n", points: points([0, 0.5, 1.0, 1.2, 1.3]) },
    { method: "wco_min", optimizer: "best_of_n", points: points([0, 0.5, 1.0, 1.2, 1.3]) },
    { method: "uwo", optimizer: "best_of_n", points: points([0, 0.5, 1.0, 1.2, 1.3]) },
    { method: "shared_backbone", optimizer: "best_of_n", points: points([0, 0.5, 0.9, 1.0, 1.0]) },
    { method: "single", optimizer: "policy_gradient", points: points(singlePolicyGradient) },
    { method: "mean", optimizer: "policy_gradient", points: points([0, 1, 1.5, 1.2, 0.9]) },
    { method: "wco_min", optimizer: "policy_gradient", points: points([0, 1, 1.5, 1.5, 1.4]) },
    { method: "uwo", optimizer: "policy_gradient", points: points([0, 1, 1.5, 1.5, 1.4]) },
    { method: "par", optimizer: "policy_gradient", points: points([0, 1, 1.2, 1.2, 1.2]) },
    { method: "shared_backbone", optimizer: "policy_gradient", points: points([0, 1, 1, 0.5, 0]) },
  ];
  const fits: CurveFit[] = [
    { method: "single", optimizer: "best_of_n", form: "best_of_n", alpha: 1, beta: 0.2, r2: 0.95, points: 4 },
    { method: "single", optimizer: "policy_gradient", form: "rl", alpha: 1, beta: 0.2, r2: 0.5, points: 4 },
  ];

  it("holds where the curves show it and not where they do not", () => {
    const overoptimized = overoptimizationClaims({ curves: curves([0, 1, 1.3, 0.8, 0.4]), fits });
    expect(overoptimized.map((item) => item.holds)).toEqual([
      true,
      true,
      true,
      true,
      false,
      true,
      true,
      true,
      true,
      true,
    ]);
    // A single-RM run whose gold never turns down: no over-optimization, and ensembles gain nothing.
    const monotone = overoptimizationClaims({ curves: curves([0, 1, 1.3, 1.45, 1.6]), fits });
    expect(monotone[0]?.holds).toBe(false);
    expect(monotone[6]?.holds).toBe(false);
    expect(monotone[9]?.holds).toBe(false);
    expect(monotone[0]?.evidence).toMatchObject({ gold_peak: 1.6, gold_final: 1.6 });
  });
});

describe("best-of-n comparisons read the continuous regime", () => {
  // Exact best-of-n KL near the formula up to n = 8; at n = 16 the finite set has saturated it.
  const ns = [1, 2, 4, 8, 16];
  const klOf = (n: number) => (n === 16 ? 1 : bestOfNKl(n));
  const bon = (gold: readonly number[]): CurvePoint[] =>
    gold.map((value, at) => ({ n: ns[at] as number, kl: klOf(ns[at] as number), proxy: at, gold: value }));
  const policy = points([0, 1, 1.3, 0.8, 0.4]);

  it("compares methods at the largest n whose exact KL keeps 0.9 of the formula's", () => {
    expect(ns.map((n) => inContinuousRegime({ n, kl: klOf(n), proxy: 0, gold: 0 }))).toEqual([
      true,
      true,
      true,
      true,
      false,
    ]);
    const ensembles = bon([0, 0.5, 1.0, 1.2, 0.7]);
    const claims = overoptimizationClaims({
      curves: [
        { method: "single", optimizer: "best_of_n", points: bon([0, 0.5, 0.9, 1.0, 0.8]) },
        { method: "mean", optimizer: "best_of_n", points: ensembles },
        { method: "wco_min", optimizer: "best_of_n", points: ensembles },
        { method: "uwo", optimizer: "best_of_n", points: ensembles },
        { method: "shared_backbone", optimizer: "best_of_n", points: bon([0, 0.5, 0.9, 1.0, 0.9]) },
        ...["single", "mean", "wco_min", "uwo", "par", "shared_backbone"].map((method) => ({
          method,
          optimizer: "policy_gradient",
          points: policy,
        })),
      ],
      fits: [],
    });
    // At n = 8 the ensembles lead (1.2 vs 1.0); at n = 16, outside the regime, they would not.
    expect(claims[5]?.holds).toBe(true);
    expect(claims[5]?.evidence).toMatchObject({ n: 8, single: 1, wco_min: 1.2, single_at_max_n: 0.8 });
    expect(claims[8]?.holds).toBe(true);
    expect(claims[8]?.evidence).toMatchObject({ n: 8, separately_pretrained: 1.2, shared_backbone: 1 });
    // Over-optimization itself reads every n: gold peaks at n = 8 and falls by 0.2 at n = 16.
    expect(claims[2]?.holds).toBe(true);
  });
});

describe("constrained-RLHF claims", () => {
  const series = (method: string, values: number[]) => ({
    method,
    points: values.map((value, step) => ({ step, values: [value, value], multipliers: [] })),
  });
  const curves: Curve[] = [
    { method: "fixed_weights", optimizer: "policy_gradient", points: points([0, 1, 0.7, 0.5, 0.4]) },
    {
      method: "xi_ppo",
      optimizer: "policy_gradient",
      points: points([0, 0.5, 0.9, 0.95, 0.95]).map((point) => ({ ...point, kl: 0.1 })),
    },
    {
      method: "mu_ppo",
      optimizer: "policy_gradient",
      points: points([0, 0.5, 0.9, 0.9, 0.9]).map((point) => ({ ...point, kl: 0.1 })),
    },
    { method: "nm_ppo", optimizer: "policy_gradient", points: points([0, 0.5, 0.2, 0.3, 0.3]) },
  ];
  it("holds and fails on the numbers", () => {
    const claims = constrainedClaims({
      curves,
      components: [
        series("fixed_weights", [0.5, 0.8, 0.9, 0.95, 0.96]),
        series("xi_ppo", [0.5, 0.7, 0.8, 0.8, 0.81]),
      ],
      thresholds: [0.8, 0.8],
      nelderMead: { best_thresholds: [0.7, 0.7], best_gold: 0.5 },
    });
    expect(claims.map((item) => item.holds)).toEqual([true, true, true, true, true, false]);
  });
});

describe("DPO claims", () => {
  const fit = { form: "rl" as const, alpha: 1, beta: 1, r2: 0.95, points: 3 };
  it("holds for a hump across β and fails for a monotone one", () => {
    const hump: Curve[] = [
      {
        method: "beta_0.01",
        optimizer: "dpo",
        points: [
          { step: 0, kl: 0, proxy: 0, gold: 0 },
          { step: 0.5, kl: 4, proxy: 1, gold: 1 },
          { step: 2, kl: 9, proxy: 2, gold: -1 },
        ],
      },
      {
        method: "beta_0.1",
        optimizer: "dpo",
        points: [
          { step: 0, kl: 0, proxy: 0, gold: 0 },
          { step: 2, kl: 2, proxy: 1, gold: 1 },
        ],
      },
      {
        method: "beta_1",
        optimizer: "dpo",
        points: [
          { step: 0, kl: 0, proxy: 0, gold: 0 },
          { step: 2, kl: 0.2, proxy: 0.2, gold: 0.3 },
        ],
      },
    ];
    expect(dpoClaims({ curves: hump, betas: [0.01, 0.1, 1], fit }).map((item) => item.holds)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    const flat = hump.map((curve) => ({
      ...curve,
      points: curve.points.map((point) => ({ ...point, gold: point.kl })),
    }));
    expect(
      dpoClaims({ curves: flat, betas: [0.01, 0.1, 1], fit: { ...fit, r2: 0.2 } }).map((item) => item.holds),
    ).toEqual([true, false, false, false]);
  });
});

describe("unlikeliness claims", () => {
  const series = (method: string, values: number[]) => ({
    method,
    points: values.map((value, at) => ({ n: 2 ** at, value })),
  });
  it("read pass@1, pass@N and the rank-uplift gap", () => {
    const claims = unlikelinessClaims({
      passCurves: [
        series("base", [0.3, 0.5, 0.9]),
        series("grpo", [0.5, 0.6, 0.7]),
        series("unlikeliness", [0.45, 0.6, 0.8]),
        series("grpo_2ep", [0.5, 0.6, 0.75]),
        series("grpo_2ep_no_clip", [0.5, 0.6, 0.7]),
      ],
      uplift: [
        { method: "grpo", quartiles: [1, 0, -1, -2] },
        { method: "unlikeliness", quartiles: [0, 0, 0, -1] },
        { method: "grpo_2ep", quartiles: [0.5, 0, 0, -1] },
        { method: "grpo_2ep_no_clip", quartiles: [1, 0, 0, -1] },
      ],
      clipping: [{ method: "grpo_2ep", likely_clipped_fraction: 0.3, rare_clipped_fraction: 0.1 }],
      largeN: 4,
      moreEpochs: 2,
    });
    expect(claims.map((item) => item.holds)).toEqual([true, true, true, true, true, true, true, true, true]);
    const none = unlikelinessClaims({
      passCurves: [
        series("base", [0.3, 0.5, 0.9]),
        series("grpo", [0.3, 0.5, 0.95]),
        series("unlikeliness", [0.3, 0.5, 0.9]),
        series("grpo_2ep", [0.3, 0.5, 0.9]),
        series("grpo_2ep_no_clip", [0.3, 0.5, 0.95]),
      ],
      uplift: [
        { method: "grpo", quartiles: [0, 0, 0, 1] },
        { method: "unlikeliness", quartiles: [0, 0, 0, 1] },
        { method: "grpo_2ep", quartiles: [1, 0, 0, -1] },
        { method: "grpo_2ep_no_clip", quartiles: [1, 0, 0, -1] },
      ],
      // A run without a second epoch has no clipping by likelihood: unknown, and the claim fails.
      clipping: [{ method: "grpo_2ep" }],
      largeN: 4,
      moreEpochs: 2,
    });
    expect(none.map((item) => item.holds)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe("adaptive-reasoning claims", () => {
  const summary = (
    method: string,
    [accuracy, cost, longOnEasy, longOnHard]: readonly number[],
  ): ModeSummary => ({
    method,
    accuracy: accuracy as number,
    cost: cost as number,
    longOnEasy: longOnEasy as number,
    longOnHard: longOnHard as number,
    byDifficulty: [],
  });
  it("compare the adaptive policy with the fixed modes and with correctness-only GRPO", () => {
    const fixed = [summary("always_short", [0.4, 1, 0, 0]), summary("always_long", [0.7, 4, 1, 1])];
    const good = adaptiveClaims([
      summary("adaptive", [0.65, 2.5, 0.1, 0.9]),
      summary("correctness", [0.7, 4, 1, 1]),
      ...fixed,
    ]);
    expect(good.map((item) => item.holds)).toEqual([true, true, true, true]);
    // Long everywhere: no savings, accuracy on the blind-mix line.
    const longEverywhere = adaptiveClaims([
      summary("adaptive", [0.7, 4, 1, 1]),
      summary("correctness", [0.7, 4, 1, 1]),
      ...fixed,
    ]);
    expect(longEverywhere.map((item) => item.holds)).toEqual([false, true, false, false]);
  });
});
