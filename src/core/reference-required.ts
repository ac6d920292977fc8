import type { RewardResult } from "./result.js";
import type { NodeImplementation, SampleScore } from "./reward.js";
import type { Sample } from "./sample.js";

/**
 * Whether a sample carries a reference to compare with. Absent, `null` and blank text all mean
 * "none": OpenRLHF sends `label: ""` for every rollout when `--data.label_key` is not set, and
 * verl and TRL send `None`.
 */
export function hasReference(sample: Pick<Sample, "reference">): boolean {
  const reference = sample.reference;
  if (reference === undefined || reference === null) return false;
  return typeof reference !== "string" || reference.trim() !== "";
}

const missing: RewardResult = {
  score: 0,
  error: {
    code: "NOT_APPLICABLE",
    message:
      "the row has no reference to compare with (absent, null or empty; OpenRLHF sends an empty label without --data.label_key)",
  },
};

/**
 * A node implementation that answers NOT_APPLICABLE for samples without a reference and runs the
 * node on the rest. `defineNode` applies it to every node that declares `needsReference`, so the
 * rule lives here once instead of in each node.
 */
export function requireReference(implementation: NodeImplementation): NodeImplementation {
  if (implementation.kind === "sample") {
    const scoreOne = implementation.scoreOne;
    return {
      ...implementation,
      scoreOne: (sample, context) => (hasReference(sample) ? scoreOne(sample, context) : missing),
    };
  }
  const scoreBatch = implementation.scoreBatch;
  return {
    ...implementation,
    async scoreBatch(batch, context) {
      const present: Sample[] = [];
      for (const sample of batch) if (hasReference(sample)) present.push(sample);
      if (present.length === batch.length) return scoreBatch(batch, context);
      const scored = present.length === 0 ? [] : await scoreBatch(present, context);
      let next = 0;
      return batch.map(
        (sample): SampleScore => (hasReference(sample) ? (scored[next++] as SampleScore) : missing),
      );
    },
  };
}
