import { z } from "zod";
import { defineNode, perBatch, RewardkitError, type RewardResult, type Sample } from "../core/index.js";
import { type PrmSolution, prmProtocols, RemotePrm } from "./remote-prm.js";

/** What the `process` node puts in `meta.process` of each step sample. */
interface StepInfo {
  step: number;
  steps: string[];
  question: string;
}

function stepInfo(sample: Sample): StepInfo | undefined {
  const info = sample.meta?.process as Partial<StepInfo> | undefined;
  if (
    typeof info?.step !== "number" ||
    !Array.isArray(info.steps) ||
    !info.steps.every((step) => typeof step === "string") ||
    typeof info.question !== "string"
  ) {
    return undefined;
  }
  return info as StepInfo;
}

function labelOf(sample: Sample): string {
  const reference = sample.reference;
  if (reference === undefined || reference === null) return "";
  return typeof reference === "string" ? reference : JSON.stringify(reference);
}

export const prmNode = defineNode({
  type: "prm",
  summary:
    "A process reward model over HTTP (OpenRLHF /get_reward with a step tag, vLLM /pooling with a step pooler, or a /classify endpoint asked per step prefix). Scores the steps a `process` node gives it, one request per solution.",
  paper: "PRMs: Lightman et al. 2023; Math-Shepherd (Wang et al. 2024); Qwen2.5-Math-PRM",
  fields: z.object({
    url: z
      .string()
      .url()
      .describe("The endpoint (e.g. http://host:5000/get_reward, http://host:8000/pooling)."),
    protocol: z.enum(prmProtocols).default("openrlhf").describe("The endpoint's request and reply shape."),
    model: z.string().optional().describe("The served model's name (vLLM requests carry it)."),
    step_tag: z
      .string()
      .default(" ки\n")
      .describe(
        "Written after every step; the PRM scores at it (Math-Shepherd: ' ки\\n'; Qwen2.5-Math-PRM: '<extra_0>').",
      ),
    template: z
      .string()
      .default("{prompt}\n\n{response}")
      .describe("The query: `{prompt}` is the question, `{response}` the steps, each followed by the tag."),
    positive_index: z
      .number()
      .int()
      .min(0)
      .default(1)
      .describe("Which class probability means 'this step is correct' (pooling rows, classifier probs)."),
    batch_size: z.number().int().positive().default(16).describe("Solutions per request."),
    concurrency: z.number().int().positive().default(4).describe("Requests in flight."),
    request_timeout_ms: z.number().int().positive().default(180_000).describe("Timeout per request."),
    api_key_env: z.string().optional().describe("Environment variable holding a Bearer token."),
  }),
  example:
    "{ type: process, reward: { type: prm, url: 'http://127.0.0.1:5000/get_reward', step_tag: ' ки\\n' } }",
  create(spec, tools) {
    const apiKey = spec.api_key_env ? process.env[spec.api_key_env] : undefined;
    if (spec.api_key_env && !apiKey) {
      throw new RewardkitError("SPEC_INVALID", `environment variable ${spec.api_key_env} is not set`, {
        path: `${tools.path}.api_key_env`,
      });
    }
    const prm = new RemotePrm({
      url: spec.url,
      protocol: spec.protocol,
      model: spec.model,
      stepTag: spec.step_tag,
      template: spec.template,
      positiveIndex: spec.positive_index,
      batchSize: spec.batch_size,
      concurrency: spec.concurrency,
      apiKey,
      timeoutMs: spec.request_timeout_ms,
    });
    return perBatch(async (batch, context): Promise<RewardResult[]> => {
      // Step samples of one solution share their steps: each solution is sent once.
      const solutions: PrmSolution[] = [];
      const solutionOf = new Map<string, number>();
      const where = batch.map((sample) => {
        const info = stepInfo(sample);
        if (!info) return undefined;
        const key = JSON.stringify([info.question, info.steps, labelOf(sample)]);
        let index = solutionOf.get(key);
        if (index === undefined) {
          index = solutions.length;
          solutionOf.set(key, index);
          solutions.push({ prompt: info.question, steps: info.steps, label: labelOf(sample) });
        }
        return { solution: index, step: info.step };
      });
      const scores = solutions.length > 0 ? await prm.scoreSolutions(solutions, context.signal) : [];
      return where.map((place) => {
        if (!place) {
          return {
            score: 0,
            error: {
              code: "NOT_APPLICABLE",
              message: "a prm scores steps: put it under a `process` node (reward: { type: prm, ... })",
            },
          };
        }
        return { score: scores[place.solution]?.[place.step] as number };
      });
    });
  },
});
