import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { RewardkitError, type RewardResult, rowError, type Sample } from "../core/index.js";
import { splitQuery } from "./chat-template.js";
import { parseBody } from "./http-errors.js";
import { perSampleArrays, refusedForNonFinite } from "./non-finite.js";
import type { RouteDoc } from "./openapi.js";
import { openrlhfBodyFastPath, openrlhfQueryFastPath } from "./openrlhf-fast-path.js";
import { fastifyRouteRequest } from "./route-request.js";
import { type RouteRequest, type ServeCore, scoreEntries, warnOnce } from "./serve-core.js";
import { transcriptMessages } from "./transcript.js";
import { componentValue } from "./wire-results.js";

export const openrlhfRequestSchema = z
  .looseObject({
    query: z
      .array(z.string())
      .describe(
        "Prompt + response of each rollout, decoded with special tokens kept (OpenRLHF sends one rollout per request).",
      ),
    prompts: z
      .array(z.string())
      .nullish()
      .describe("The chat-templated prompt of each rollout; it is cut from the front of its query."),
    labels: z
      .array(z.unknown())
      .nullish()
      .describe("The label (ground truth) of each rollout: the reference."),
  })
  .describe("OpenRLHF's remote reward request (`--reward.remote_url http://host:port/get_reward`).");

export const openrlhfQuerySchema = z.object({
  run: z
    .string()
    .min(1)
    .max(256)
    .optional()
    .describe("The run whose per-run state applies (default: the server's)."),
  step: z.coerce.number().int().min(0).optional().describe("The training step (OpenRLHF does not send one)."),
});

export const openrlhfResponseSchema = z
  .object({
    rewards: z.array(z.number()).describe("One reward per query (used for advantages)."),
    scores: z
      .array(z.number())
      .describe(
        "One score per query for dynamic filtering: the reward, or the component named by --openrlhf-score.",
      ),
    extra_logs: z
      .record(z.string(), z.array(z.number()))
      .describe(
        "Each component as a list (logged by OpenRLHF), plus `rewardkit_error` (1 where scoring failed).",
      ),
  })
  .describe("OpenRLHF's remote reward reply. Numbers are always written as floats.");

/** `POST /get_reward`: OpenRLHF's remote reward protocol, exactly as its trainer sends and reads it. */
export function registerOpenrlhfRoute(app: FastifyInstance, core: ServeCore): RouteDoc[] {
  app.post("/get_reward", async (request, reply) =>
    reply.type("application/json").send(await openrlhfReplyTo(core, fastifyRouteRequest(request))),
  );
  return [
    {
      method: "post",
      path: "/get_reward",
      summary: "OpenRLHF's remote reward protocol: {query, prompts, labels} → {rewards, scores, extra_logs}.",
      request: openrlhfRequestSchema,
      query: openrlhfQuerySchema,
      response: openrlhfResponseSchema,
    },
  ];
}

/** The `/get_reward` reply to one request, as JSON text (the Fastify route and the hot path share it). */
export async function openrlhfReplyTo(core: ServeCore, request: RouteRequest): Promise<string> {
  const body = openrlhfBodyFastPath(request.body) ?? parseBody(openrlhfRequestSchema, request.body);
  const query = openrlhfQueryFastPath(request.query) ?? parseBody(openrlhfQuerySchema, request.query);
  const count = body.query.length;
  checkLength("prompts", body.prompts, count);
  checkLength("labels", body.labels, count);
  const refused = refusedForNonFinite(request.nonFiniteInputs, labelsOfRollouts);
  const entries: (Sample | RewardkitError)[] = body.query.map((text, index) => {
    const invalid = refused.get(index);
    if (invalid) return invalid;
    const prompt = body.prompts?.[index];
    const split = splitQuery(text, prompt, core.options.endTokens);
    if (split instanceof Error)
      return new RewardkitError(split.code, split.message, { path: `query[${index}]` });
    // A multi-turn rollout (turns with tool results between them) becomes a conversation.
    const completion = transcriptMessages(split.completion) ?? split.completion;
    const sample: Sample = { prompt: prompt ?? "", completion };
    const label = body.labels?.[index];
    // Without --data.label_key OpenRLHF sends "" for every rollout: that is no label at all.
    if (label !== undefined && label !== null && !(typeof label === "string" && label.trim() === ""))
      sample.reference = label;
    return sample;
  });
  let results: RewardResult[];
  try {
    results = await scoreEntries(core, request.scope, entries, {
      run: request.authorize({
        run: query.run ?? core.options.defaultRun,
        step: query.step ?? 0,
        samples: entries.length,
      }),
      step: query.step ?? 0,
      mergeable: true,
    });
  } catch (error) {
    if (RewardkitError.isInstance(error) && error.code === "OVERLOADED") {
      warnOnce(core, request.log, {
        ...overloadWarning,
        fields: { route: "/get_reward", max_queue: core.options.maxQueuedSamples },
      });
    }
    throw error;
  }
  core.componentKeys.observe(results);
  if (!core.warned.has(unlabelledWarning.key)) warnIfUnlabelled(core, request.log, entries, results);
  return openrlhfReply(core, results);
}

/** Where a token in the body belongs to a rollout: `labels[i]`. */
const labelsOfRollouts = perSampleArrays(["labels"]);

const overloadWarning = {
  key: "openrlhf_overloaded",
  message:
    "/get_reward answered 503: the queue is full. OpenRLHF ignores Retry-After and gives up after 5 tries 1 s apart, keeping reward None; --max-queue must hold every rollout in flight (rollout batch size × samples per prompt).",
};

const unlabelledWarning = {
  key: "openrlhf_without_labels",
  message:
    "OpenRLHF sends rollouts without a label (an empty one when --data.label_key is not set) and the reward needs one: they get NOT_APPLICABLE, their on_error score and rewardkit_error = 1 in extra_logs. Set --data.label_key to the dataset's answer column.",
};

/** Warns once per server when a rollout without a label could not be scored for want of one. */
function warnIfUnlabelled(
  core: ServeCore,
  log: { warn(fields: object, message: string): void },
  entries: readonly (Sample | RewardkitError)[],
  results: readonly RewardResult[],
): void {
  const index = entries.findIndex(
    (entry, position) =>
      !(entry instanceof Error) &&
      entry.reference === undefined &&
      rowError(results[position] as RewardResult)?.code === "NOT_APPLICABLE",
  );
  if (index < 0) return;
  const error = rowError(results[index] as RewardResult);
  warnOnce(core, log, { ...unlabelledWarning, fields: { route: "/get_reward", node: error?.node } });
}

function checkLength(field: string, values: readonly unknown[] | null | undefined, count: number): void {
  if (values !== undefined && values !== null && values.length !== count) {
    throw badLength(field, values.length, count);
  }
}

function badLength(field: string, got: number, count: number): RewardkitError {
  return new RewardkitError("BAD_REQUEST", `expected ${count} entries (one per query), got ${got}`, {
    path: field,
  });
}

/**
 * The reply as JSON text with every number written as a float (`1.0`, not `1`): OpenRLHF turns
 * each value into a tensor, and a mix of int and float tensors must not depend on the scores.
 */
export function openrlhfReply(core: ServeCore, results: readonly RewardResult[]): string {
  const rewards = results.map((result) => result.score);
  const scoreKey = core.options.openrlhfScore;
  const scores =
    scoreKey === undefined
      ? rewards
      : results.map((result) => componentValue(result, scoreKey, core.rootName));
  let logs = "";
  for (const key of core.componentKeys.keys) {
    logs += `${JSON.stringify(key)}:${floats(results.map((result) => componentValue(result, key, core.rootName)))},`;
  }
  logs += `"rewardkit_error":${floats(results.map((result) => (rowError(result) ? 1 : 0)))}`;
  return `{"rewards":${floats(rewards)},"scores":${floats(scores)},"extra_logs":{${logs}}}`;
}

function floats(values: readonly number[]): string {
  let out = "[";
  for (let index = 0; index < values.length; index++) {
    const value = values[index] as number;
    if (index > 0) out += ",";
    // Integers below 1e21 print without a fraction or exponent; larger ones already print as floats.
    out += Number.isInteger(value) && Math.abs(value) < 1e21 ? `${value}.0` : String(value);
  }
  return `${out}]`;
}
