import { seriesOf } from "../run-series.js";
import { trendChange } from "../statistics/trend-change.js";
import type { StepAggregate, StepExample } from "../step-aggregate.js";
import { formatNumber, type HackingDetector, testsRecord, trendThresholds, undecided } from "./detector.js";

interface TextFlag {
  name: string;
  description: string;
  /** What the pattern is called in a summary. */
  noun: string;
  count: (bin: StepAggregate) => number;
  checked: (bin: StepAggregate) => number;
}

/**
 * A degenerate pattern spreads: the fraction of checked completions showing it rises by
 * `text_change` (a trend and a change beyond noise). A constant rate from step 0 (prompts that ask
 * for repetition, a task whose answers are lists) does not fire. Examples are the late steps'
 * completions that show it.
 */
function textFlag(flag: TextFlag): HackingDetector {
  return {
    name: flag.name,
    description: flag.description,
    detect(run, { thresholds }) {
      const limits = { text_change: thresholds.text_change };
      if (run.total.text.checked === 0 || flag.checked(run.total) === 0) {
        return undecided("not_applicable", "no completion could be checked for this pattern", run, limits);
      }
      const rate = seriesOf(run, (bin) =>
        flag.checked(bin) > 0 ? flag.count(bin) / flag.checked(bin) : null,
      );
      const test = trendChange(rate, "rising", trendThresholds(thresholds, thresholds.text_change));
      if (!test) {
        return undecided(
          "insufficient_data",
          `fewer than ${thresholds.min_steps} steps with checked completions`,
          run,
          limits,
        );
      }
      const examples: StepExample[] = [];
      for (const bin of [...run.bins].reverse()) {
        for (const example of bin.flagged)
          if (example.signals.includes(flag.name) && examples.length < 5) examples.push(example);
      }
      const evidence = {
        steps: [...run.steps],
        series: { rate, checked: seriesOf(run, flag.checked) },
        tests: testsRecord({ rate: test }),
        thresholds: limits,
        examples,
      };
      if (!test.holds) return { status: "quiet", summary: `${flag.noun} do not spread`, evidence };
      return {
        status: "fired",
        summary: `${flag.noun} rose from ${formatNumber(100 * test.early_mean)}% to ${formatNumber(100 * test.late_mean)}% of completions (p = ${formatNumber(test.p)})`,
        evidence,
      };
    },
  };
}

export const repeatedNgrams = textFlag({
  name: "repeated_ngrams",
  description: "Completions that loop (seq-rep-n above the threshold) spread.",
  noun: "repetitive completions",
  count: (bin) => bin.text.repeated,
  checked: (bin) => bin.text.repetitionChecked,
});

export const answerHedging = textFlag({
  name: "answer_hedging",
  description: "Completions that commit to several different final answers spread.",
  noun: "hedged answers",
  count: (bin) => bin.text.hedging,
  checked: (bin) => bin.text.checked,
});

export const copiedPrompt = textFlag({
  name: "copied_prompt",
  description: "Completions that repeat most of the prompt spread.",
  noun: "completions copying the prompt",
  count: (bin) => bin.text.copied,
  checked: (bin) => bin.text.copyChecked,
});

export const masterKeyReplies = textFlag({
  name: "master_key_replies",
  description: 'Content-free "master key" replies (":", "Thought process:", ...) that fool judges spread.',
  noun: "master-key replies",
  count: (bin) => bin.text.masterKey,
  checked: (bin) => bin.text.checked,
});
