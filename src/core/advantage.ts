import { z } from "zod";
import { RewardkitError } from "./errors.js";
import { specIssueError } from "./node.js";
import type { Sample } from "./sample.js";
import { didYouMean } from "./suggest.js";

/** What an advantage estimator receives: one batch of scored samples, whole groups together. */
export interface AdvantageInput {
  readonly rewards: readonly number[];
  readonly samples: readonly Sample[];
  /** Per-component scores, for multi-objective estimators (TRL's normalize_then_sum). */
  readonly components: readonly (Readonly<Record<string, number>> | undefined)[];
  /** Per sample, the reward's per-turn scores (`turn_rewards`), where it produced them. */
  readonly turnRewards?: readonly (readonly number[] | undefined)[];
  /** Per sample, the reward's per-step scores (`step_rewards`), where it produced them. */
  readonly stepRewards?: readonly (readonly number[] | undefined)[];
}

export interface AdvantageOutput {
  /** One advantage per sample (per-step estimators also fill `stepAdvantages`). */
  advantages: number[];
  /** Per-step advantages for trajectories (GiGPO, SPA), aligned with each sample's `steps`. */
  stepAdvantages?: (number[] | undefined)[];
  /** Samples an estimator drops (DAPO-style dynamic filtering); absent means keep all. */
  keep?: boolean[];
  /** Batch diagnostics: zero-std group fraction, advantage mean/std... */
  diagnostics?: Record<string, number>;
}

export interface AdvantageEstimator {
  readonly type: string;
  compute(input: AdvantageInput): AdvantageOutput;
}

export interface AdvantageDefinition<Schema extends z.ZodObject> {
  readonly type: string;
  readonly summary: string;
  readonly paper?: string;
  readonly fields: Schema;
  /** `path` is where the section sits in the spec (`advantage`), for errors about combinations of fields. */
  create(options: z.output<Schema>, path: string): AdvantageEstimator;
}

export interface RegisteredEstimator {
  readonly type: string;
  readonly summary: string;
  readonly paper: string | undefined;
  readonly schema: z.ZodObject;
  create(spec: unknown, path: string): AdvantageEstimator;
}

export type EstimatorRegistry = Readonly<Record<string, RegisteredEstimator>>;

export function defineEstimator<Schema extends z.ZodObject>(
  definition: AdvantageDefinition<Schema>,
): RegisteredEstimator {
  const schema = z.strictObject({ type: z.literal(definition.type), ...definition.fields.shape });
  return {
    type: definition.type,
    summary: definition.summary,
    paper: definition.paper,
    schema,
    create(spec, path) {
      const parsed = schema.safeParse(spec, { reportInput: true });
      if (!parsed.success) throw specIssueError(parsed.error, path, schema);
      return definition.create(parsed.data as z.output<Schema>, path);
    },
  };
}

/** Builds the estimator an `advantage` section names. */
export function compileAdvantage(
  spec: unknown,
  registry: EstimatorRegistry,
  path = "advantage",
): AdvantageEstimator {
  const type = (spec as { type?: unknown } | undefined)?.type;
  if (typeof type !== "string") {
    throw new RewardkitError("SPEC_INVALID", "expected a string naming the estimator", {
      path: `${path}.type`,
    });
  }
  const definition = registry[type];
  if (!definition) {
    const known = Object.keys(registry).sort().join(", ") || "none registered";
    const hint = didYouMean(type, Object.keys(registry));
    throw new RewardkitError(
      "SPEC_INVALID",
      `unknown advantage estimator "${type}"${hint} (known: ${known})`,
      {
        path: `${path}.type`,
      },
    );
  }
  return definition.create(spec, path);
}
