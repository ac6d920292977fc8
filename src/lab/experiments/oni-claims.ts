import { type Claim, claim } from "../results.js";
import type { OniMethod, OniRun } from "../worlds/oni-run.js";

/** The mean over the second half of training (what the claims compare). */
export function lateSuccess(run: OniRun): number {
  const late = run.successes.slice(Math.floor(run.successes.length / 2));
  return late.length === 0 ? 0 : late.reduce((sum, value) => sum + value, 0) / late.length;
}

/** "Fails": late success rate at most this. */
export const failureCeiling = 0.05;
/** "Succeeds": late success rate at least this. */
export const successFloor = 0.5;
/** "Close to the annotator": late success within this of the annotator-as-reward's. */
export const closeMargin = 0.1;
/** "A fraction of the calls": captions annotated at most this share of the direct annotator's. */
export const callShare = 0.01;

const oniVariants: readonly OniMethod[] = ["oni-retrieval", "oni-classification"];

export function oniClaims(runs: readonly OniRun[]): Claim[] {
  const of = (method: OniMethod) => {
    const run = runs.find((each) => each.method === method);
    if (!run) throw new RangeError(`oni: no ${method} run`);
    return run;
  };
  const success = (method: OniMethod) => lateSuccess(of(method));
  const captions = (method: OniMethod) => of(method).annotatorCaptions.at(-1) ?? 0;
  const variants = Object.fromEntries(
    oniVariants.flatMap((method) => [
      [`${method}_success`, success(method)],
      [`${method}_annotated_captions`, captions(method)],
    ]),
  );
  return [
    claim(
      `ONI: with only the sparse task reward the agent fails — its success rate over the second half of training is at most ${failureCeiling}`,
      success("task-only") <= failureCeiling,
      { task_only_success: success("task-only"), ceiling: failureCeiling },
    ),
    claim(
      `ONI: with ONI's intrinsic reward the agent succeeds — every ONI variant (retrieval, classification) reaches a success rate of at least ${successFloor} over the second half of training`,
      oniVariants.every((method) => success(method) >= successFloor),
      { ...variants, task_only_success: success("task-only"), floor: successFloor },
    ),
    claim(
      `ONI: close to using the annotator directly as the reward — every ONI variant's success rate is within ${closeMargin} of the annotator-as-reward's`,
      oniVariants.every((method) => success(method) >= success("annotator") - closeMargin),
      { ...variants, annotator_success: success("annotator"), margin: closeMargin },
    ),
    claim(
      `ONI: at a fraction of the annotator calls — every ONI variant had at most ${callShare} of the captions annotated that the annotator-as-reward was asked about`,
      oniVariants.every((method) => captions(method) <= callShare * captions("annotator")) &&
        captions("annotator") > 0,
      { ...variants, annotator_annotated_captions: captions("annotator"), share: callShare },
    ),
  ];
}
