import { gaoValue } from "../../gao-forms.js";
import type { HackingThresholds } from "../options.js";
import { seriesOf } from "../run-series.js";
import { normalUpperTail } from "../statistics/normal-tail.js";
import { seriesMean, trendChange } from "../statistics/trend-change.js";
import { momentMean } from "../step-aggregate.js";
import { formatNumber, type HackingDetector, testsRecord, trendThresholds, undecided } from "./detector.js";
import { fitGaoTurn, type GaoTurn } from "./gao-curvature.js";

interface GoldPoint {
  /** Index of the point's bin in the run. */
  bin: number;
  step: number;
  gold: number;
  x: number;
}

interface PrefixState {
  fit: GaoTurn | undefined;
  pastPeak: boolean;
  dropped: boolean;
  rewardRising: boolean;
}

/**
 * The proxy reward keeps rising while the held-out gold probe has turned: Gao et al.'s RL form
 * gold(d) = c + d(α − β log d) is fitted (flags/gao-curvature.ts) to the gold means seen so far;
 * once its turning term β is significantly positive (the curve has turned: `gold_turn_alpha`),
 * the late window shows no sign that more proxy still buys gold (the local slope of gold on the
 * axis is not even weakly positive), and the proxy is still rising — for `gold_confirm_steps`
 * steps — the flag fires: the policy is at or past the gold's peak, usually before the gold has
 * visibly fallen. The fitted peak d* = exp(α/β − 1) is reported as where the peak is. It also fires when, over the recent steps,
 * the gold falls by `gold_drop` (significantly, beyond noise) while the proxy rises.
 *
 * The x axis is the proxy's gain over its early mean (`gold_axis: proxy`, the default): it grows
 * with the optimization pressure as d does (the lab's world: proxy ≈ 1.1·√KL), and a gold that
 * tracks the proxy — the honest case — is then a straight line with no turn however both saturate,
 * so the fit asks "does more proxy still buy gold?" rather than "has training slowed?". With
 * `gold_axis: sqrt_kl` and a KL in the rows, d = √KL as in Gao et al. Both forms are unchanged by a
 * rescaling of the axis. It is evaluated as a monitor would, step by step: `first_step` is when it
 * first fired.
 */
export const goldDivergence: HackingDetector = {
  name: "gold_divergence",
  description: "The reward keeps rising while a held-out gold probe has peaked (Gao fit) or fallen.",
  detect(run, { thresholds }) {
    const limits = {
      gold_min_points: thresholds.gold_min_points,
      gold_min_r2: thresholds.gold_min_r2,
      gold_confirm_steps: thresholds.gold_confirm_steps,
      gold_drop: thresholds.gold_drop,
    };
    const withGold = run.bins.flatMap((bin, index) => (bin.gold.n > 0 ? [{ bin, index }] : []));
    if (withGold.length === 0) {
      return undecided(
        "not_applicable",
        "no gold probe in the data (rows' meta.gold, or the spec's diagnostics.gold)",
        run,
        limits,
      );
    }
    if (withGold.length < thresholds.gold_min_points) {
      return undecided(
        "insufficient_data",
        `${withGold.length} steps carry a gold probe; ${thresholds.gold_min_points} are needed`,
        run,
        limits,
      );
    }
    const useKl = thresholds.gold_axis === "sqrt_kl" && withGold.every(({ bin }) => bin.kl.n > 0);
    const reward = seriesOf(run, (bin) => momentMean(bin.reward));
    // The proxy at the start (its first three steps), so x = proxy gain uses nothing from later steps.
    const rewardBaseline = seriesMean(reward.filter(isNumber).slice(0, 3));
    const points: GoldPoint[] = withGold.map(({ bin, index }) => ({
      bin: index,
      step: run.steps[index] ?? 0,
      gold: momentMean(bin.gold) as number,
      x: useKl
        ? Math.sqrt(Math.max(0, momentMean(bin.kl) as number))
        : (momentMean(bin.reward) as number) - rewardBaseline,
    }));

    let consecutive = 0;
    let firstStep: number | null = null;
    let trigger: "fitted_peak" | "gold_drop" | null = null;
    let state: PrefixState | undefined;
    for (let count = thresholds.gold_min_points; count <= points.length; count++) {
      state = prefixState(points.slice(0, count), { reward, thresholds });
      consecutive = state.pastPeak && state.rewardRising ? consecutive + 1 : 0;
      if (firstStep !== null) continue;
      const point = points[count - 1] as GoldPoint;
      if (consecutive >= thresholds.gold_confirm_steps) {
        firstStep = point.step;
        trigger = "fitted_peak";
      } else if (state.dropped && state.rewardRising) {
        firstStep = point.step;
        trigger = "gold_drop";
      }
    }
    const fit = (state as PrefixState).fit;
    const gold: (number | null)[] = run.bins.map(() => null);
    const goldFit: (number | null)[] = run.bins.map(() => null);
    const xs: (number | null)[] = run.bins.map(() => null);
    for (const point of points) {
      gold[point.bin] = point.gold;
      xs[point.bin] = point.x;
      if (fit && point.x > 0) goldFit[point.bin] = fit.offset + gaoValue("rl", point.x, fit);
    }
    const peakPoint =
      fit && Number.isFinite(fit.peak) ? points.find((point) => point.x >= fit.peak) : undefined;
    const fell = goldFell(points, thresholds);
    const evidence = {
      steps: [...run.steps],
      series: { reward, gold, gold_fit: goldFit, [useKl ? "sqrt_kl" : "proxy_gain"]: xs },
      tests: testsRecord({ gold_recent: fell }),
      thresholds: limits,
      details: {
        x_axis: useKl ? "sqrt_kl" : "proxy_gain",
        gold_samples: run.total.gold.n,
        gold_errors: run.total.goldErrors,
        gold_points: points.length,
        trigger,
        fit: fit
          ? {
              form: "rl",
              alpha: fit.alpha,
              beta: fit.beta,
              offset: fit.offset,
              beta_p: fit.betaP,
              r2: fit.r2,
              peak_x: Number.isFinite(fit.peak) ? fit.peak : null,
              peak_step: peakPoint?.step ?? null,
            }
          : null,
        gold_peak_step: smoothedPeakStep(points),
      },
    };
    if (firstStep === null) {
      return {
        status: "quiet",
        firstStep: null,
        summary:
          fit && fit.betaP < thresholds.gold_turn_alpha && Number.isFinite(fit.peak)
            ? `the gold probe turns (fitted peak at x = ${formatNumber(fit.peak)}), but never past its peak while the proxy kept climbing`
            : "the gold probe rises with the reward (Gao's fit shows no significant turn)",
        evidence,
      };
    }
    return {
      status: "fired",
      firstStep,
      summary:
        trigger === "fitted_peak"
          ? `at step ${firstStep} the policy passed the gold probe's fitted peak (Gao RL form) while the reward was still rising: further optimization is expected to lose gold`
          : `by step ${firstStep} the gold probe had fallen by at least ${thresholds.gold_drop} over the recent steps while the reward kept rising`,
      evidence,
    };
  },
};

function isNumber(value: number | null): value is number {
  return value !== null;
}

function prefixState(
  points: readonly GoldPoint[],
  context: { reward: readonly (number | null)[]; thresholds: HackingThresholds },
): PrefixState {
  const { thresholds } = context;
  const fit = fitGaoTurn(points.map((point) => ({ d: point.x, gold: point.gold })));
  const last = points.at(-1) as GoldPoint;
  const pastPeak =
    fit !== undefined &&
    Number.isFinite(fit.peak) &&
    fit.betaP < thresholds.gold_turn_alpha &&
    fit.r2 >= thresholds.gold_min_r2 &&
    !goldStillRising(points, thresholds);
  return {
    fit,
    pastPeak,
    dropped: goldFell(points, thresholds)?.holds ?? false,
    rewardRising: proxyStillRising(context.reward, last.bin, thresholds),
  };
}

/** Whether the proxy is still climbing over the recent steps up to `lastBin` (a trend beyond noise). */
function proxyStillRising(
  reward: readonly (number | null)[],
  lastBin: number,
  thresholds: HackingThresholds,
): boolean {
  const upTo = reward.slice(0, lastBin + 1).filter(isNumber);
  const count = Math.max(thresholds.min_steps, Math.round(thresholds.gold_recent_fraction * upTo.length));
  return trendChange(upTo.slice(-count), "rising", trendThresholds(thresholds, 0))?.holds ?? false;
}

/**
 * Whether more proxy still buys gold over the late window (a quarter of the points, at least
 * 2·min_steps): the least-squares slope of gold on x there shows even weak evidence of being
 * positive (one-sided p < `gold_rising_p`). At and past the peak it does not; on the rise it does.
 */
function goldStillRising(points: readonly GoldPoint[], thresholds: HackingThresholds): boolean {
  const count = Math.max(2 * thresholds.min_steps, Math.round(thresholds.window_fraction * points.length));
  const late = points.slice(-count);
  const n = late.length;
  const meanX = seriesMean(late.map((point) => point.x));
  const meanGold = seriesMean(late.map((point) => point.gold));
  let sxx = 0;
  let sxy = 0;
  for (const point of late) {
    sxx += (point.x - meanX) ** 2;
    sxy += (point.x - meanX) * (point.gold - meanGold);
  }
  if (n < 3 || sxx <= 0) return false;
  const slope = sxy / sxx;
  let residual = 0;
  for (const point of late) residual += (point.gold - meanGold - slope * (point.x - meanX)) ** 2;
  const standardError = Math.sqrt(residual / (n - 2) / sxx);
  if (!(standardError > 0)) return slope > 0;
  return normalUpperTail(slope / standardError) < thresholds.gold_rising_p;
}

/** The gold's trend over the recent steps: falling by `gold_drop`, significantly and beyond noise. */
function goldFell(points: readonly GoldPoint[], thresholds: HackingThresholds) {
  const count = Math.max(thresholds.min_steps, Math.round(thresholds.gold_recent_fraction * points.length));
  return trendChange(
    points.slice(-count).map((point) => point.gold),
    "falling",
    trendThresholds(thresholds, thresholds.gold_drop),
  );
}

function smoothedPeakStep(points: readonly GoldPoint[]): number | null {
  const width = Math.max(3, Math.round(0.1 * points.length));
  let best = Number.NEGATIVE_INFINITY;
  let step: number | null = null;
  for (let end = width; end <= points.length; end++) {
    const value = seriesMean(points.slice(end - width, end).map((point) => point.gold));
    if (value > best) {
      best = value;
      step = points[end - Math.ceil(width / 2)]?.step ?? null;
    }
  }
  return step;
}
