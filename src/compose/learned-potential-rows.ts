import { type Context, RewardkitError, type Sample } from "../core/index.js";
import { type PotentialLearning, readPotentials, updatePotentials } from "./learned-potential.js";

/**
 * Φ of each step of each row from the run's learned table (`shape` with `learn_potential`): rows are
 * shaped with the table as it was before this batch, then the table learns from the batch's rows
 * whose reward scored (`outcomes[i]` undefined leaves row i out).
 */
export async function learnedTrajectoryPotentials(
  batch: readonly Sample[],
  options: {
    learning: PotentialLearning;
    keyField: string;
    outcomes: readonly (number | undefined)[];
    context: Context;
    stateKey: string;
  },
): Promise<(number[] | RewardkitError)[]> {
  const path = options.keyField.split(".");
  const keys = batch.map((sample) => stepKeys(sample, path, options.keyField));
  const table = (await options.context.state.get<Record<string, number>>(options.stateKey)) ?? {};
  const episodes = keys.flatMap((rowKeys, index) => {
    const outcome = options.outcomes[index];
    return RewardkitError.isInstance(rowKeys) || outcome === undefined ? [] : [{ keys: rowKeys, outcome }];
  });
  if (episodes.length > 0) {
    await options.context.state.update<Record<string, number>>(options.stateKey, (previous) =>
      updatePotentials(previous ?? {}, episodes, options.learning),
    );
  }
  return keys.map((rowKeys) =>
    RewardkitError.isInstance(rowKeys) ? rowKeys : readPotentials(table, rowKeys, options.learning.initial),
  );
}

/** The key of each step's state: the field's value (objects as JSON), else the observation. */
function stepKeys(sample: Sample, path: readonly string[], field: string): string[] | RewardkitError {
  const steps = sample.steps;
  if (!steps || steps.length === 0) {
    return new RewardkitError(
      "NOT_APPLICABLE",
      "potential shaping needs a trajectory: the row has no `steps`",
    );
  }
  const keys: string[] = [];
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index];
    let value: unknown = step;
    for (const key of path) {
      value =
        typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    }
    if (value === undefined || value === null) value = step?.observation;
    if (value === undefined || value === null) {
      return new RewardkitError(
        "INPUT_INVALID",
        `steps[${index}] has neither \`${field}\` nor \`observation\` to key its state by`,
      );
    }
    keys.push(typeof value === "object" ? JSON.stringify(value) : String(value));
  }
  return keys;
}
