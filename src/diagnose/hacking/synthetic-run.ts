import { gaussianFrom, mulberry32 } from "../../core/index.js";
import { defaultObserveOptions, type Observation, type ObserveOptions, observeBatch } from "./observe.js";
import { emptyStepAggregate, type StepAggregate } from "./step-aggregate.js";

/** What a synthetic sample is drawn from: its step, its place in the step, and seeded generators. */
export interface SyntheticDraw {
  step: number;
  /** 0 at the first step, 1 at the last. */
  progress: number;
  index: number;
  uniform: () => number;
  normal: () => number;
}

/**
 * A seeded synthetic training run: `perStep` samples at each of `steps` steps, drawn by `sample`
 * and observed into per-step aggregates as the server or the CLI would. Tests and docs build runs
 * with and without a hack from it.
 */
export function syntheticRun(options: {
  steps: number;
  perStep: number;
  seed: number;
  sample: (draw: SyntheticDraw) => Observation;
  observe?: Partial<ObserveOptions>;
}): StepAggregate[] {
  const uniform = mulberry32(options.seed);
  const normal = gaussianFrom(uniform);
  const observe = { ...defaultObserveOptions, ...options.observe };
  const out: StepAggregate[] = [];
  for (let step = 0; step < options.steps; step++) {
    const progress = options.steps > 1 ? step / (options.steps - 1) : 0;
    const batch = Array.from({ length: options.perStep }, (_, index) =>
      options.sample({ step, progress, index, uniform, normal }),
    );
    out.push(observeBatch(emptyStepAggregate(step), batch, observe));
  }
  return out;
}

const vocabulary =
  "the we so add carry sum then check each digit number total result first next step value both sides equal term left right gives makes into over under from with after before because known given find solve answer count part whole half twice less more keep write note".split(
    " ",
  );

/** Varied filler text of `count` words (no n-gram loops), for synthetic completions. */
export function fillerText(count: number, uniform: () => number): string {
  return Array.from({ length: count }, () => vocabulary[Math.floor(uniform() * vocabulary.length)]).join(" ");
}

/**
 * A healthy GRPO-style run, the baseline of the flags' tests and docs: groups of 8 samples of one
 * prompt, a format term that holds at 90%, correctness that learns from 30% to 70%, completions of
 * 30–60 varied words, reward = 0.2·format + correct. Nothing in it should fire.
 */
export function healthySample(draw: SyntheticDraw): Observation {
  const { progress, uniform, index, step } = draw;
  const format = uniform() < 0.9 ? 1 : 0;
  const correct = uniform() < 0.3 + 0.4 * progress ? 1 : 0;
  const group = Math.floor(index / 8);
  const answer = correct ? 42 : 40 + Math.floor(uniform() * 2);
  const body = fillerText(30 + Math.floor(uniform() * 30), uniform);
  return {
    prompt: `Step ${step}, question ${group}: a farmer has 17 sheep and buys 25 more; how many sheep are there now?`,
    completion: format ? `<think>${body}</think><answer>${answer}</answer>` : `${body} ${answer}`,
    reward: 0.2 * format + correct,
    components: { format, correct },
    group: `s${step}-q${group}`,
  };
}
