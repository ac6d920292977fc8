import { readFile } from "node:fs/promises";
import { RewardkitError } from "../core/index.js";
import { featurizerConfigSchema } from "../models/index.js";

/** train-rm's flags as commander gives them (strings until parsed). */
export interface TrainFlags {
  train: string;
  valid?: string;
  validFraction: string;
  out: string;
  format?: string;
  head: string;
  hidden: string;
  epochs: string;
  batchSize: string;
  lr: string;
  l2: string;
  margin: string;
  centerRewards?: string;
  labelSmoothing: string;
  patience: string;
  seed: string;
  members: string;
  bootstrap?: boolean;
  bits: string;
  ngrams: string;
  hand: boolean;
  domain?: string;
  useMargins?: boolean;
  kind: string;
  heads: string;
  loadBalance: string;
  strength?: string;
  voters: string;
  flipFraction: string;
  objectives?: string;
  direction?: string;
  latent: string;
  steps: string;
  embedding?: string;
  embeddingTokenizer?: string;
  json?: boolean;
  quiet?: boolean;
}

/** A numeric flag, or a BAD_REQUEST naming it. */
export function number(
  flag: string,
  text: string,
  check: (value: number) => boolean = Number.isFinite,
): number {
  const value = Number(text);
  if (!check(value)) throw new RewardkitError("BAD_REQUEST", `--${flag}: invalid value "${text}"`);
  return value;
}

export const positiveInteger = (value: number) => Number.isInteger(value) && value > 0;
export const nonNegative = (value: number) => Number.isFinite(value) && value >= 0;

/** The `--domain` file: a JSON list of domain features, checked against the feature schema. */
export async function readDomainFeatures(file: string) {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new RewardkitError("BAD_REQUEST", `--domain ${file}: ${(error as Error).message}`, { path: file });
  }
  const parsed = featurizerConfigSchema.shape.domain.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RewardkitError(
      "BAD_REQUEST",
      `--domain ${file}: [${issue?.path.join(".")}] ${issue?.message}`,
      { path: file },
    );
  }
  const missing = parsed.data.findIndex(
    (feature) => (feature.kind === "count" || feature.kind === "present") && feature.pattern === undefined,
  );
  if (missing >= 0) {
    throw new RewardkitError(
      "BAD_REQUEST",
      `--domain ${file}: [${missing}.pattern] kind ${parsed.data[missing]?.kind} needs a pattern`,
      { path: file },
    );
  }
  return parsed.data;
}
