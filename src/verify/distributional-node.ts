import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import {
  completionText,
  defineNode,
  perBatch,
  RewardkitError,
  type RewardResult,
  type Sample,
} from "../core/index.js";
import {
  distance,
  dot,
  frechetDistanceDiagonal,
  meanVector,
  unitVector,
  vendiScore,
} from "./distributional/statistics.js";
import { embedderField, makeEmbedder } from "./similarity/embedder-config.js";
import type { TokenEmbedder } from "./similarity/embedders.js";

/** A text as one unit vector: the mean of its token embeddings. */
function embedText(embedder: TokenEmbedder, text: string, dimensions: number): Float64Array {
  const tokens = embedder.embed(text);
  if (tokens.length === 0) return new Float64Array(dimensions);
  return unitVector(meanVector(tokens.map((token) => Float64Array.from(token))));
}

function readExemplarFile(path: string): string[] {
  const text = readFileSync(path, "utf8");
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      if (!line.trimStart().startsWith("{") && !line.trimStart().startsWith('"')) return line;
      const value = JSON.parse(line) as unknown;
      return typeof value === "string" ? value : String((value as { text?: unknown }).text ?? "");
    });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Samples by `group`; samples without one form one set per batch. */
function groups(batch: readonly Sample[]): number[][] {
  const byGroup = new Map<string, number[]>();
  batch.forEach((sample, index) => {
    const key = sample.group === undefined ? "\u0000batch" : String(sample.group);
    const members = byGroup.get(key) ?? [];
    members.push(index);
    byGroup.set(key, members);
  });
  return [...byGroup.values()];
}

/**
 * Leave-one-out contributions to a set reward: c_i = R(Y) − R(Y \ {y_i}) (DRAGON's per-sample
 * credit for distribution-level rewards; reconstructed).
 */
export function leaveOneOut<T>(items: readonly T[], reward: (set: readonly T[]) => number): number[] {
  const whole = reward(items);
  return items.map((_, index) =>
    items.length === 1 ? whole : whole - reward(items.filter((__, other) => other !== index)),
  );
}

export const distributionalNode = defineNode({
  type: "distributional",
  groupwise: true,
  summary:
    "DRAGON's distributional rewards over text embeddings: similarity to an exemplar set's centroid (instance-to-distribution), or each sample's leave-one-out share of a set reward (Fréchet distance to the exemplars, Vendi diversity).",
  paper: "DRAGON (#13)",
  fields: z.object({
    form: z
      .enum(["centroid_cosine", "centroid_distance", "frechet_contribution", "vendi_contribution"])
      .default("centroid_cosine")
      .describe(
        "centroid_cosine: cos(E(y), mean E(exemplars)); centroid_distance: −‖E(y) − mean E(exemplars)‖; frechet_contribution: R(Y) − R(Y∖y) with R = −Fréchet distance (diagonal) to the exemplars; vendi_contribution: the same with R = Vendi diversity of the group.",
      ),
    exemplars: z.array(z.string()).optional().describe("The exemplar set, inline."),
    exemplars_file: z
      .string()
      .optional()
      .describe('Exemplars, one per line (text, a JSON string or {"text"}), relative to the spec.'),
    embedder: embedderField,
    max_group: z
      .number()
      .int()
      .min(2)
      .max(256)
      .default(64)
      .describe("Largest set scored as one distribution."),
  }),
  example: "{ type: distributional, form: centroid_cosine, exemplars_file: exemplars.jsonl }",
  create(spec, tools) {
    const embedder = makeEmbedder(spec.embedder, tools.baseDir, `${tools.path}.embedder`);
    const dimensions =
      spec.embedder.type === "hashed_ngrams"
        ? spec.embedder.dimensions
        : (embedder.embed("the")[0]?.length ?? 0);
    let fixed = spec.exemplars;
    if (spec.exemplars_file !== undefined) {
      try {
        fixed = [...(fixed ?? []), ...readExemplarFile(resolve(tools.baseDir, spec.exemplars_file))];
      } catch (error) {
        throw new RewardkitError("SPEC_INVALID", `cannot read exemplars: ${(error as Error).message}`, {
          path: `${tools.path}.exemplars_file`,
        });
      }
    }
    const needsExemplars = spec.form !== "vendi_contribution";
    const fixedVectors = fixed?.map((text) => embedText(embedder, text, dimensions));
    const positiveKey = `${tools.name}.positive`;
    return perBatch((batch) => {
      const results = new Array<RewardResult>(batch.length);
      const vectors = batch.map((sample) => embedText(embedder, completionText(sample), dimensions));
      const exemplarsOf = (sample: Sample): Float64Array[] => {
        if (fixedVectors) return fixedVectors;
        const rowExemplars = sample.meta?.exemplars;
        if (
          Array.isArray(rowExemplars) &&
          rowExemplars.every((item) => typeof item === "string") &&
          rowExemplars.length > 0
        ) {
          return rowExemplars.map((text) => embedText(embedder, text, dimensions));
        }
        throw new RewardkitError(
          "NOT_APPLICABLE",
          "no exemplars: give exemplars or exemplars_file, or meta.exemplars in the row",
        );
      };
      const failed = (error: unknown): RewardResult => {
        if (!RewardkitError.isInstance(error)) throw error;
        return { score: 0, error: { code: error.code, message: error.message } };
      };
      if (spec.form === "centroid_cosine" || spec.form === "centroid_distance") {
        // Instance-to-distribution: each sample against its own row's exemplars (or the spec's).
        batch.forEach((sample, index) => {
          try {
            const centroid = meanVector(exemplarsOf(sample));
            const vector = vectors[index] as Float64Array;
            results[index] = {
              score:
                spec.form === "centroid_cosine"
                  ? dot(vector, unitVector(centroid))
                  : -distance(vector, centroid),
            };
          } catch (error) {
            results[index] = failed(error);
          }
        });
        return results;
      }
      // Distribution-level: a group (or the batch) is the set; it shares its first row's exemplars.
      for (const members of groups(batch)) {
        for (let start = 0; start < members.length; start += spec.max_group) {
          const chunk = members.slice(start, start + spec.max_group);
          let references: Float64Array[] = [];
          try {
            if (needsExemplars) references = exemplarsOf(batch[chunk[0] as number] as Sample);
          } catch (error) {
            for (const index of chunk) results[index] = failed(error);
            continue;
          }
          const set = chunk.map((index) => vectors[index] as Float64Array);
          const reward =
            spec.form === "vendi_contribution"
              ? (items: readonly Float64Array[]) => vendiScore(items)
              : (items: readonly Float64Array[]) =>
                  items.length === 0 ? 0 : -frechetDistanceDiagonal(items, references);
          const contributions = leaveOneOut(set, reward);
          const middle = median(contributions);
          chunk.forEach((index, position) => {
            const contribution = contributions[position] as number;
            results[index] = {
              score: contribution,
              components: { [positiveKey]: contribution > middle ? 1 : 0 },
            };
          });
        }
      }
      return results;
    });
  },
});
