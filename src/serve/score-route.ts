import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  type AdvantageOutput,
  RewardkitError,
  type RewardResult,
  type Sample,
  sampleSchema,
  toRewardkitError,
} from "../core/index.js";
import { resolveImages, rowToSample } from "../engine/index.js";
import { withTextContent } from "./content-blocks.js";
import { parseBody } from "./http-errors.js";
import { perSampleArrays, refusedForNonFinite } from "./non-finite.js";
import type { RouteDoc } from "./openapi.js";
import { fastifyRouteRequest } from "./route-request.js";
import { scoreBodyFastPath } from "./score-fast-path.js";
import { type RouteRequest, type ServeCore, scoreEntries } from "./serve-core.js";
import { toWireResult, type WireResult, wireErrorSchema, wireResultSchema } from "./wire-results.js";

const runField = z
  .string()
  .min(1)
  .max(256)
  .describe("The training run; per-run state (running statistics, constraints, schedules) is kept under it.");
const stepField = z
  .number()
  .int()
  .min(0)
  .describe("The training step, for schedules and constraints (default 0).");

export const scoreRequestSchema = z
  .strictObject({
    samples: z
      .array(z.unknown())
      .describe(
        "The rows to score (the row format of `rewardkit score`). A bad row gets its own `error`; the others are scored.",
      ),
    run: runField.optional(),
    step: stepField.optional(),
    timeout_ms: z
      .number()
      .positive()
      .optional()
      .describe("A deadline for this request, if shorter than the server's `--request-timeout-ms`."),
  })
  .describe(
    "A batch of samples, scored together (batch-level rewards and group advantages see exactly these).",
  );

/** The same request as documented in /openapi.json: the samples' shape spelled out. */
export const scoreRequestDocSchema = scoreRequestSchema.extend({
  samples: z.array(sampleSchema).describe(scoreRequestSchema.shape.samples.description ?? ""),
});

export const scoreResponseSchema = z
  .object({
    results: z.array(wireResultSchema).describe("One result per sample, in order."),
    advantages: z
      .array(z.number().nullable())
      .optional()
      .describe("Per-sample advantages from the spec's `advantage` estimator (null for refused samples)."),
    step_advantages: z.array(z.array(z.number()).nullable()).optional(),
    keep: z.array(z.boolean().nullable()).optional().describe("False for samples the estimator filters out."),
    advantage_diagnostics: z.record(z.string(), z.number()).optional(),
    advantage_error: wireErrorSchema
      .optional()
      .describe("Why advantages are missing (the rewards are still valid)."),
  })
  .describe("One result per sample, and advantages when the spec has an `advantage` section.");
type ScoreResponse = z.infer<typeof scoreResponseSchema>;

/** `POST /v1/score`: the generic protocol, with run and step for stateful rewards and group advantages. */
export function registerScoreRoute(app: FastifyInstance, core: ServeCore): RouteDoc[] {
  app.post("/v1/score", async (request, httpReply) =>
    httpReply.type("application/json").send(await scoreReply(core, fastifyRouteRequest(request))),
  );
  return [
    {
      method: "post",
      path: "/v1/score",
      summary: "Score a batch of samples (with run and step for stateful rewards, and group advantages).",
      request: scoreRequestDocSchema,
      response: scoreResponseSchema,
    },
  ];
}

/** The `/v1/score` reply to one request, as JSON text (the Fastify route and the hot path share it). */
export async function scoreReply(core: ServeCore, request: RouteRequest): Promise<string> {
  const body = scoreBodyFastPath(request.body) ?? parseBody(scoreRequestSchema, request.body);
  if (body.timeout_ms !== undefined) request.scope.shorten(body.timeout_ms);
  const refused = refusedForNonFinite(request.nonFiniteInputs, samplesOfBody);
  const entries = body.samples.map((row, index) => refused.get(index) ?? toSample(row, index));
  const results = await scoreEntries(core, request.scope, entries, {
    run: request.authorize({
      run: body.run ?? core.options.defaultRun,
      step: body.step ?? 0,
      samples: entries.length,
    }),
    step: body.step ?? 0,
    mergeable: false,
  });
  const toWire = (index: number): WireResult => {
    const entry = entries[index];
    const wire = toWireResult(results[index] as RewardResult, entry instanceof Error ? undefined : entry?.id);
    if (entry instanceof Error && wire.error && entry.path !== undefined) {
      wire.error = { code: entry.code, message: entry.message, path: entry.path };
    }
    return wire;
  };
  if (!core.loaded.estimator) {
    // A refused row's result carries its error, so it always goes through toWire.
    return core.resultsJson.results(results, (index) => (entries[index] as Sample).id, toWire);
  }
  const reply: ScoreResponse = { results: results.map((_, index) => toWire(index)) };
  addAdvantages(core, entries, results, reply);
  return core.resultsJson.reply(reply);
}

/** Where a token in the body belongs to a sample: `samples[i]`. */
const samplesOfBody = perSampleArrays(["samples"]);

function toSample(row: unknown, index: number): Sample | RewardkitError {
  if (typeof row !== "object" || row === null || Array.isArray(row)) {
    return new RewardkitError("INPUT_INVALID", "expected a sample object", { path: `samples[${index}]` });
  }
  const sample = rowToSample(row as Record<string, unknown>);
  if (!(sample instanceof Error)) {
    const text = withTextContent(sample, index);
    if (text instanceof Error) return text;
    // Images reach judges; the server reads no local files, only URLs and data URIs (size-limited).
    const images = resolveImages(text);
    if (!(images instanceof Error)) return images;
    return new RewardkitError("INPUT_INVALID", images.message, {
      path: `samples[${index}]${images.path ? `.${images.path}` : ""}`,
    });
  }
  return new RewardkitError("INPUT_INVALID", sample.message, {
    path: `samples[${index}]${sample.path ? `.${sample.path}` : ""}`,
  });
}

/** Advantages over the scored samples (whole groups, as the caller sent them), aligned with results. */
function addAdvantages(
  core: ServeCore,
  entries: readonly (Sample | RewardkitError)[],
  results: readonly RewardResult[],
  reply: ScoreResponse,
): void {
  const estimator = core.loaded.estimator;
  const positions: number[] = [];
  for (let index = 0; index < entries.length; index++)
    if (!(entries[index] instanceof Error)) positions.push(index);
  if (!estimator || positions.length === 0) return;
  let output: AdvantageOutput;
  try {
    output = estimator.compute({
      rewards: positions.map((index) => (results[index] as RewardResult).score),
      samples: positions.map((index) => entries[index] as Sample),
      components: positions.map((index) => (results[index] as RewardResult).components),
      turnRewards: positions.map((index) => (results[index] as RewardResult).turnRewards),
      stepRewards: positions.map((index) => (results[index] as RewardResult).stepRewards),
    });
  } catch (error) {
    const typed = toRewardkitError(error, "INTERNAL");
    reply.advantage_error = { code: typed.code, message: typed.located };
    return;
  }
  const aligned = <T>(values: readonly T[] | undefined): (T | null)[] | undefined => {
    if (!values) return undefined;
    const out = new Array<T | null>(entries.length).fill(null);
    positions.forEach((index, position) => {
      out[index] = values[position] ?? null;
    });
    return out;
  };
  reply.advantages = aligned(output.advantages) as (number | null)[];
  const steps = aligned(output.stepAdvantages);
  if (steps) reply.step_advantages = steps as (number[] | null)[];
  const keep = aligned(output.keep);
  if (keep) reply.keep = keep;
  if (output.diagnostics) reply.advantage_diagnostics = output.diagnostics;
}
