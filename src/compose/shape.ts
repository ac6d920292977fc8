import { compositeResult, defineNode, perBatch, RewardkitError, type RewardResult } from "../core/index.js";
import { learnedTrajectoryPotentials } from "./learned-potential-rows.js";
import { lengthPenalized } from "./par.js";
import { discountedSum, potentialShaping } from "./potential.js";
import { gatherReferenceRewards } from "./reference-rewards.js";
import { addComponents, failedResult } from "./results.js";
import {
  clipToOneStd,
  emptyMoments,
  mergeBatch,
  minMaxScale,
  type RunningMoments,
  standardize,
} from "./running-moments.js";
import { shapeFields } from "./shape-fields.js";
import { completionLength } from "./shape-length.js";
import { fieldMethods, usesReferences, valueTransform } from "./shape-methods.js";
import { refuseCache, refuseFields, requireField, specFieldError } from "./spec-checks.js";
import { trajectoryPotentials } from "./trajectory-potentials.js";

export const shapeNode = defineNode({
  type: "shape",
  summary:
    "Reshapes a reward: PAR (σ of the margin over reference responses) and the baselines it is compared with, running normalization, and potential-based shaping of trajectories.",
  paper:
    "Reward Shaping to Mitigate Reward Hacking in RLHF (#19, PAR: r_PAR = (1/M) Σ_m σ(k·(r − r_ref,m)), Eq. 1, with its baselines vanilla, ceil, meanstd (normalize), clip, minmax, LSC, centered, tanh/arctan, fitted-poly, sgfc, and its length penalty); potential-based shaping F = γΦ(s′) − Φ(s) (Ng, Harada & Russell 1999)",
  fields: shapeFields,
  example: "{ type: shape, method: par, k: 1, max_references: 10, reward: { type: model, path: rm.rk } }",
  async create(spec, tools) {
    const method = spec.method;
    for (const [field, methods] of Object.entries(fieldMethods)) {
      if (!methods.includes(method))
        refuseFields(spec, [field], { nodePath: tools.path, reason: `to method ${method}` });
    }
    if (method === "ceil")
      requireField(spec.ceiling, "ceiling", { nodePath: tools.path, reason: "for method ceil" });
    if ((spec.mean === undefined) !== (spec.std === undefined)) {
      throw specFieldError(
        tools.path,
        spec.mean === undefined ? "mean" : "std",
        "`mean` and `std` go together",
      );
    }
    if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max) {
      throw specFieldError(tools.path, "min", "`min` is above `max`");
    }
    const gamma =
      method === "potential"
        ? requireField(spec.gamma, "gamma", { nodePath: tools.path, reason: "for method potential" })
        : 1;
    const options = {
      method,
      k: spec.k ?? 1,
      maxReferences: spec.max_references ?? 10,
      relative: spec.relative ?? false,
      shift: spec.shift ?? 3,
      percentile: spec.percentile ?? 0.85,
    };
    const needsReferences = usesReferences(options);
    const transform = valueTransform(options);
    const child = await tools.child(spec.reward, "reward");
    const potentialNode = spec.potential ? await tools.child(spec.potential, "potential") : undefined;
    const names = [child.name];
    const ceiling = spec.ceiling ?? Number.POSITIVE_INFINITY;
    const lengthPenalty = spec.length_penalty;
    const fixedNormal =
      spec.mean !== undefined && spec.std !== undefined ? { mean: spec.mean, std: spec.std } : undefined;
    const fixedClip = spec.min !== undefined || spec.max !== undefined;
    const running =
      (method === "normalize" && !fixedNormal) || (method === "clip" && !fixedClip) || method === "minmax";
    const momentsKey = `${tools.stateKey}:moments`;
    if (running) refuseCache(spec, tools.path, "running statistics kept per run");
    const shapingKey = `${tools.name}.shaping`;
    const learning = spec.learn_potential
      ? {
          learningRate: spec.learn_potential.learning_rate,
          target: spec.learn_potential.target,
          gamma,
          initial: spec.learn_potential.initial,
        }
      : undefined;
    if (learning) {
      refuseFields(spec, ["potential", "potential_field"], {
        nodePath: tools.path,
        reason: "with `learn_potential` (Φ is learnt, not read)",
      });
      refuseCache(spec, tools.path, "a potential learnt per run");
    }
    const potentialKey = `${tools.stateKey}:potential`;

    return perBatch(async (batch, context) => {
      const childResults = await child.score(batch, context);
      const failures = new Array<RewardkitError | undefined>(batch.length);
      const rewards = childResults.map((result, index) => {
        let reward = Math.min(result.score, ceiling);
        if (lengthPenalty) {
          const length = completionLength(batch[index] as (typeof batch)[number], lengthPenalty.unit);
          if (RewardkitError.isInstance(length)) failures[index] = length;
          else
            reward = lengthPenalized(reward, length, {
              allowed: lengthPenalty.allowed,
              perUnit: lengthPenalty.per_unit,
            });
        }
        return reward;
      });

      let shaped: number[];
      const extra: (Record<string, number> | undefined)[] = [];
      const stepRewards: (number[] | undefined)[] = [];
      if (needsReferences || transform) {
        const references = needsReferences
          ? await gatherReferenceRewards(batch, {
              child,
              context,
              fixed: spec.reference_rewards,
              limit: method === "lsc" ? Number.POSITIVE_INFINITY : options.maxReferences,
            })
          : undefined;
        shaped = rewards.map((reward, index) => {
          const rowReferences = references?.[index] ?? [];
          if (RewardkitError.isInstance(rowReferences)) {
            failures[index] ??= rowReferences;
            return 0;
          }
          return (transform as NonNullable<typeof transform>)(reward, rowReferences);
        });
      } else if (method === "potential") {
        const potentials = learning
          ? await learnedTrajectoryPotentials(batch, {
              learning,
              keyField: spec.learn_potential?.key_field ?? "state",
              outcomes: rewards.map((reward, index) =>
                failures[index] || childResults[index]?.error ? undefined : reward,
              ),
              context,
              stateKey: potentialKey,
            })
          : await trajectoryPotentials(batch, {
              field: spec.potential_field ?? "potential",
              node: potentialNode,
              context,
            });
        shaped = rewards.map((reward, index) => {
          const rowPotentials = potentials[index] as number[] | RewardkitError;
          if (RewardkitError.isInstance(rowPotentials)) {
            failures[index] ??= rowPotentials;
            return 0;
          }
          const terms = potentialShaping(rowPotentials, { gamma });
          const shaping = discountedSum(terms, gamma);
          extra[index] = { [shapingKey]: shaping };
          // Per-step credit: F_t at every step, the reward itself added at the last.
          terms[terms.length - 1] = (terms[terms.length - 1] as number) + reward;
          stepRewards[index] = terms;
          return reward + shaping;
        });
      } else if (fixedNormal) {
        shaped = rewards.map((reward) => Math.min((reward - fixedNormal.mean) / fixedNormal.std, ceiling));
      } else if (method === "clip" && fixedClip) {
        shaped = rewards.map((reward) =>
          Math.min(Math.max(reward, spec.min ?? -Infinity), spec.max ?? Infinity, ceiling),
        );
      } else {
        // Running statistics, updated with this batch first and then applied (PAR's order); failed rows stay out.
        const seen = rewards.filter((_, index) => !failures[index] && !childResults[index]?.error);
        const moments = running
          ? await context.state.update<RunningMoments>(momentsKey, (previous) =>
              mergeBatch(previous ?? emptyMoments, seen),
            )
          : emptyMoments;
        shaped = rewards.map((reward) => {
          if (method === "minmax") return minMaxScale(reward, moments);
          return Math.min(
            method === "normalize" ? standardize(reward, moments) : clipToOneStd(reward, moments),
            ceiling,
          );
        });
      }

      return batch.map((_, index): RewardResult => {
        const failure = failures[index];
        if (failure) return failedResult(failure);
        const result = compositeResult(shaped[index] as number, [childResults[index] as RewardResult], names);
        const perStep = stepRewards[index];
        if (perStep) result.stepRewards = perStep;
        const more = extra[index];
        return more ? addComponents(result, more) : result;
      });
    });
  },
});
