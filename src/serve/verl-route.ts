import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { type Message, RewardkitError, type RewardResult, rowError, type Sample } from "../core/index.js";
import { authorizeRun } from "./access/run-scope.js";
import { parseBody } from "./http-errors.js";
import { perSampleArrays, refusedForNonFinite } from "./non-finite.js";
import type { RouteDoc } from "./openapi.js";
import { type ServeCore, scoreEntries } from "./serve-core.js";
import { transcriptMessages } from "./transcript.js";
import { componentValue } from "./wire-results.js";

const runFields = {
  run: z
    .string()
    .min(1)
    .max(256)
    .optional()
    .describe("The run whose per-run state applies (default: the server's)."),
  step: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe("The training step (the shim sends it when it knows it)."),
};

export const verlSingleRequestSchema = z
  .looseObject({
    data_source: z.unknown().optional().describe("verl's `data_source` column (kept in `meta.data_source`)."),
    solution_str: z.string().describe("The decoded response."),
    ground_truth: z.unknown().optional().describe("`reward_model.ground_truth`: the reference."),
    extra_info: z.unknown().optional().describe("verl's `extra_info` (kept in `meta.extra_info`)."),
    ...runFields,
  })
  .describe("verl's `compute_score(data_source, solution_str, ground_truth, extra_info)` as JSON.");

export const verlBatchRequestSchema = z
  .looseObject({
    data_sources: z.array(z.unknown()).describe("One per response."),
    solution_strs: z.array(z.string()).describe("The decoded responses."),
    ground_truths: z.array(z.unknown()).nullish(),
    extra_infos: z.array(z.unknown()).nullish(),
    ...runFields,
  })
  .describe(
    "verl's batch reward manager call `compute_score(data_sources=, solution_strs=, ground_truths=, extra_infos=)` as JSON.",
  );

const verlScoreSchema = z
  .record(z.string(), z.number())
  .describe(
    "`score` plus every component and `rewardkit_error` (1 where scoring failed): verl logs the extra keys.",
  );
const verlErrorSchema = z.object({
  index: z.number().int(),
  code: z.string(),
  message: z.string(),
  node: z.string().optional(),
});

export const verlSingleResponseSchema = z.object({
  result: verlScoreSchema,
  error: verlErrorSchema.optional(),
});
export const verlBatchResponseSchema = z.object({
  results: z.array(verlScoreSchema),
  errors: z.array(verlErrorSchema).describe("The samples whose score is an `on_error` value, and why."),
});

/** The fields of the per-sample form that belong to its one sample. */
const singleSampleFields = new Set(["data_source", "ground_truth", "extra_info"]);

/** `POST /v1/verl/compute_score` and `/v1/verl/compute_score_batch`: what the verl shim calls. */
export function registerVerlRoutes(app: FastifyInstance, core: ServeCore): RouteDoc[] {
  app.post("/v1/verl/compute_score", async (request) => {
    const body = parseBody(verlSingleRequestSchema, request.body);
    const refused = refusedForNonFinite(request.nonFiniteInputs ?? [], (path) =>
      typeof path[0] === "string" && singleSampleFields.has(path[0]) ? 0 : undefined,
    );
    const sample =
      refused.get(0) ?? toSample(body.data_source, body.solution_str, body.ground_truth, body.extra_info);
    const results = await scoreEntries(core, request.scope, [sample], {
      run: authorizeRun(request, {
        run: body.run ?? core.options.defaultRun,
        step: body.step ?? 0,
        samples: 1,
      }),
      step: body.step ?? 0,
      mergeable: true,
    });
    core.componentKeys.observe(results);
    const [result] = results as [RewardResult];
    const [error] = errorsOf(results);
    return error ? { result: scoreDict(core, result), error } : { result: scoreDict(core, result) };
  });

  app.post("/v1/verl/compute_score_batch", async (request) => {
    const body = parseBody(verlBatchRequestSchema, request.body);
    const count = body.solution_strs.length;
    for (const field of ["data_sources", "ground_truths", "extra_infos"] as const) {
      const values = body[field];
      if (values !== undefined && values !== null && values.length !== count) {
        throw new RewardkitError(
          "BAD_REQUEST",
          `expected ${count} entries (one per solution_str), got ${values.length}`,
          {
            path: field,
          },
        );
      }
    }
    const refused = refusedForNonFinite(
      request.nonFiniteInputs ?? [],
      perSampleArrays(["data_sources", "ground_truths", "extra_infos"]),
    );
    const entries = body.solution_strs.map(
      (solution, index) =>
        refused.get(index) ??
        toSample(body.data_sources[index], solution, body.ground_truths?.[index], body.extra_infos?.[index]),
    );
    const results = await scoreEntries(core, request.scope, entries, {
      run: authorizeRun(request, {
        run: body.run ?? core.options.defaultRun,
        step: body.step ?? 0,
        samples: entries.length,
      }),
      step: body.step ?? 0,
      mergeable: false,
    });
    core.componentKeys.observe(results);
    return { results: results.map((result) => scoreDict(core, result)), errors: errorsOf(results) };
  });
  return [
    {
      method: "post",
      path: "/v1/verl/compute_score",
      summary: "verl's per-sample reward function (what integrations/verl's compute_score sends).",
      request: verlSingleRequestSchema,
      response: verlSingleResponseSchema,
    },
    {
      method: "post",
      path: "/v1/verl/compute_score_batch",
      summary: "verl's batch reward manager form, with plural keys.",
      request: verlBatchRequestSchema,
      response: verlBatchResponseSchema,
    },
  ];
}

/**
 * A verl call as a sample. verl does not pass the prompt; a string `extra_info.prompt` or
 * `extra_info.question` (as verl's GSM8K and MATH preprocessing write) stands in for it, else the
 * agent loop's `extra_info.raw_prompt` messages. A multi-turn agent-loop response (turns with
 * `<tool_response>` blocks between them) becomes a conversation.
 */
function toSample(dataSource: unknown, solution: string, groundTruth: unknown, extraInfo: unknown): Sample {
  const info =
    typeof extraInfo === "object" && extraInfo !== null ? (extraInfo as Record<string, unknown>) : undefined;
  const prompt: Sample["prompt"] =
    typeof info?.prompt === "string"
      ? info.prompt
      : typeof info?.question === "string"
        ? info.question
        : (rawPrompt(info?.raw_prompt) ?? "");
  const sample: Sample = {
    prompt,
    completion: transcriptMessages(solution) ?? solution,
    meta: { data_source: dataSource, extra_info: extraInfo },
  };
  if (groundTruth !== undefined && groundTruth !== null) sample.reference = groundTruth;
  return sample;
}

/** verl's agent-loop prompt: a list of `{role, content}` messages, else nothing. */
function rawPrompt(value: unknown): Message[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const ok = value.every(
    (message) =>
      typeof message === "object" &&
      message !== null &&
      typeof (message as Message).role === "string" &&
      (typeof (message as Message).content === "string" || Array.isArray((message as Message).content)),
  );
  return ok ? (value as Message[]) : undefined;
}

/** `{score, <component>: value, ..., rewardkit_error}` with the same keys for every sample. */
function scoreDict(core: ServeCore, result: RewardResult): Record<string, number> {
  const out: Record<string, number> = { score: result.score };
  for (const key of core.componentKeys.keys) {
    if (key !== "score") out[key] = componentValue(result, key, core.rootName);
  }
  out.rewardkit_error = rowError(result) ? 1 : 0;
  return out;
}

function errorsOf(results: readonly RewardResult[]): z.infer<typeof verlErrorSchema>[] {
  const errors: z.infer<typeof verlErrorSchema>[] = [];
  results.forEach((result, index) => {
    const error = rowError(result);
    if (!error) return;
    const entry: z.infer<typeof verlErrorSchema> = { index, code: error.code, message: error.message };
    if (error.node !== undefined) entry.node = error.node;
    errors.push(entry);
  });
  return errors;
}
