import { z } from "zod";
import {
  defineNode,
  mapBounded,
  perBatch,
  RewardkitError,
  type RewardResult,
  type Sample,
} from "../../core/index.js";
import { isRetryableStatus, upstreamMessage } from "../client/retry-policy.js";
import { polarInput } from "./polar-input.js";
import { type PolarServer, polarRequest, polarRewards } from "./polar-protocol.js";

/** The reference trajectory of a sample: `reference` (text or messages), else `meta.reference_completion`. */
function referenceOf(sample: Sample): string | Sample["completion"] | undefined {
  const reference = sample.reference;
  if (typeof reference === "string" && reference !== "") return reference;
  if (
    Array.isArray(reference) &&
    reference.every((item) => typeof item === "object" && item !== null && "content" in item)
  ) {
    return reference as Sample["completion"];
  }
  const fallback = sample.meta?.reference_completion;
  return typeof fallback === "string" && fallback !== "" ? fallback : undefined;
}

async function post(input: {
  url: string;
  server: PolarServer;
  texts: string[];
  model: string;
  timeoutMs: number;
  signal: AbortSignal;
  apiKey: string | undefined;
}): Promise<number[]> {
  const { path, body } = polarRequest(input.server, input.texts, input.model);
  const target = `${input.url.replace(/\/+$/, "")}${path}`;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (input.apiKey) headers.authorization = `Bearer ${input.apiKey}`;
  let response: Response;
  try {
    response = await fetch(target, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.any([input.signal, AbortSignal.timeout(input.timeoutMs)]),
    });
  } catch (error) {
    const name = (error as Error).name;
    if (name === "AbortError")
      throw new RewardkitError("ABORTED", `request to ${target} aborted`, { cause: error });
    throw new RewardkitError(
      name === "TimeoutError" ? "TIMEOUT" : "UPSTREAM_ERROR",
      name === "TimeoutError"
        ? `POLAR server ${target} did not answer within ${input.timeoutMs} ms`
        : `cannot reach POLAR server ${target}: ${(error as Error).message}`,
      { retryable: true, cause: error },
    );
  }
  const text = await response.text();
  if (!response.ok) {
    throw new RewardkitError(
      response.status === 429 ? "RATE_LIMITED" : "UPSTREAM_ERROR",
      `POLAR server ${target} answered ${response.status}: ${upstreamMessage(text)}`,
      { retryable: isRetryableStatus(response.status) },
    );
  }
  let reply: unknown;
  try {
    reply = JSON.parse(text);
  } catch {
    throw new RewardkitError(
      "UPSTREAM_ERROR",
      `POLAR server ${target} answered with invalid JSON: ${text.slice(0, 160)}`,
    );
  }
  return polarRewards(input.server, reply, input.texts.length);
}

export const polarNode = defineNode({
  type: "polar",
  summary:
    "POLAR: a served policy-discriminative reward model scores how consistent the completion is with a reference trajectory (sglang, vLLM or LMDeploy serving).",
  paper: "POLAR (#41)",
  fields: z.object({
    url: z.url({ protocol: /^https?$/ }).describe("Base URL of the server, e.g. `http://127.0.0.1:30000`."),
    server: z
      .enum(["sglang", "vllm", "lmdeploy"])
      .default("sglang")
      .describe(
        "How the model is served: sglang `/classify`, vLLM or LMDeploy `/pooling` (as POLAR's client).",
      ),
    model: z.string().min(1).default("POLAR-7B").describe("The model name sglang is asked for."),
    wrapper: z
      .enum(["sft", "pretrain"])
      .default("sft")
      .describe("`sft` joins prompt and trajectory with a newline (fine-tuned models); `pretrain` without."),
    reward_token: z
      .string()
      .default("<|reward|>")
      .describe("The token between the reference and the candidate."),
    end_token: z.string().default("[UNUSED_TOKEN_130]").describe("The token the scalar head reads at."),
    batch_size: z.number().int().positive().max(4096).default(32).describe("Texts per request."),
    concurrency: z.number().int().positive().max(256).default(4).describe("Requests in flight at once."),
    request_timeout_ms: z.number().int().positive().default(60_000).describe("Deadline of one request."),
    api_key_env: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an environment variable name")
      .optional()
      .describe("Name of the environment variable holding a key (sent as a Bearer token)."),
  }),
  example:
    '{ type: polar, url: "http://127.0.0.1:30000", server: sglang, model: POLAR-7B }  # reference from the row',
  create(spec) {
    const apiKey = spec.api_key_env ? process.env[spec.api_key_env] : undefined;
    if (spec.api_key_env && !apiKey) {
      throw new RewardkitError("SPEC_INVALID", `environment variable ${spec.api_key_env} is not set`, {
        path: "api_key_env",
      });
    }
    return perBatch(async (batch, context): Promise<RewardResult[]> => {
      const results = new Array<RewardResult>(batch.length);
      const asked: number[] = [];
      batch.forEach((sample, index) => {
        const reference = referenceOf(sample);
        if (reference === undefined) {
          results[index] = {
            score: 0,
            error: {
              code: "NOT_APPLICABLE",
              message:
                "POLAR scores against a reference trajectory: the row needs `reference` (or meta.reference_completion)",
            },
          };
        } else asked.push(index);
      });
      const chunks: number[][] = [];
      for (let start = 0; start < asked.length; start += spec.batch_size)
        chunks.push(asked.slice(start, start + spec.batch_size));
      await mapBounded(chunks, spec.concurrency, async (chunk) => {
        const texts = chunk.map((index) => {
          const sample = batch[index] as Sample;
          return polarInput({
            prompt: sample.prompt,
            reference: referenceOf(sample) as NonNullable<ReturnType<typeof referenceOf>>,
            output: sample.completion,
            wrapper: spec.wrapper,
            rewardToken: spec.reward_token,
            endToken: spec.end_token,
          });
        });
        const rewards = await post({
          url: spec.url,
          server: spec.server,
          texts,
          model: spec.model,
          timeoutMs: spec.request_timeout_ms,
          signal: context.signal,
          apiKey,
        });
        chunk.forEach((index, at) => {
          results[index] = { score: rewards[at] as number };
        });
      });
      return results;
    });
  },
});
