import { isAbsolute, resolve } from "node:path";
import { z } from "zod";
import {
  completionText,
  defineNode,
  OpenAIClient,
  perBatch,
  RewardkitError,
  type RewardResult,
  type Sample,
} from "../../core/index.js";
import { readModelFile } from "../model-file.js";
import { flattenPrompt } from "../text-scorer.js";
import { type CritiquedText, CritiqueTextModel } from "./critique-model.js";

/** The critic's default request: a critique of the response, no score (the head scores). */
export const defaultCriticTemplate =
  "Critique the response to the question below: say what is right and what is wrong with it, briefly. Do not give a score.\n\n[Question]\n{prompt}\n\n[Response]\n{completion}";

export const critiqueRmNode = defineNode({
  type: "critique_rm",
  summary:
    "A critique-conditioned reward model: a critic writes a critique of each response (or the row brings one), and a trained score head reads the response together with the critique.",
  paper:
    "MM-RLHF (#36): critique-based reward model — critique first, then a score from (response, critique); here a linear/MLP head over hashed features trained with Bradley–Terry, not the paper's MLLM with a score head",
  fields: z.object({
    path: z
      .string()
      .min(1)
      .describe("A critique model file (`trainCritiqueModel(...).toFile()`), relative to the spec."),
    critique_field: z
      .string()
      .min(1)
      .default("critique")
      .describe("The `meta` key of a critique the row already has (then the critic is not asked)."),
    critic: z
      .strictObject({
        url: z.string().url().describe("An OpenAI-compatible base URL ending in /v1."),
        model: z.string().min(1),
        api_key_env: z.string().optional().describe("Environment variable holding a Bearer token."),
        system: z.string().optional(),
        template: z
          .string()
          .default(defaultCriticTemplate)
          .describe("The critic's user message; `{prompt}` and `{completion}` are filled in."),
        max_tokens: z.number().int().positive().default(512),
        concurrency: z.number().int().positive().default(4),
        request_timeout_ms: z.number().int().positive().default(120_000),
      })
      .optional()
      .describe("The critic asked for rows without a critique (temperature 0)."),
  }),
  cacheByDefault: false,
  example:
    "{ type: critique_rm, path: critique.rkrm, critic: { url: http://127.0.0.1:8000/v1, model: Qwen2.5-7B-Instruct } }",
  async create(spec, tools) {
    const file = isAbsolute(spec.path) ? spec.path : resolve(tools.baseDir, spec.path);
    let model: CritiqueTextModel;
    try {
      model = CritiqueTextModel.fromFile(await readModelFile(file), file);
    } catch (error) {
      if (!RewardkitError.isInstance(error)) throw error;
      throw new RewardkitError("SPEC_INVALID", error.message, { path: `${tools.path}.path`, cause: error });
    }
    const critic = spec.critic;
    let client: OpenAIClient | undefined;
    if (critic) {
      const apiKey = critic.api_key_env ? process.env[critic.api_key_env] : undefined;
      if (critic.api_key_env && !apiKey) {
        throw new RewardkitError("SPEC_INVALID", `environment variable ${critic.api_key_env} is not set`, {
          path: `${tools.path}.critic.api_key_env`,
        });
      }
      client = new OpenAIClient({
        baseUrl: critic.url,
        model: critic.model,
        apiKey,
        concurrency: critic.concurrency,
        retries: 2,
        requestTimeoutMs: critic.request_timeout_ms,
      });
    }
    const critiqueOf = async (sample: Sample, signal: AbortSignal): Promise<string> => {
      const given = sample.meta?.[spec.critique_field];
      if (typeof given === "string" && given.length > 0) return given;
      if (given !== undefined)
        throw new RewardkitError("INPUT_INVALID", `meta.${spec.critique_field} must be a non-empty string`);
      if (!client || !critic) {
        throw new RewardkitError(
          "INPUT_INVALID",
          `no critique: the row has no meta.${spec.critique_field} and the node has no critic`,
        );
      }
      const content = critic.template
        .replaceAll("{prompt}", flattenPrompt(sample.prompt))
        .replaceAll("{completion}", completionText(sample));
      const messages = [
        ...(critic.system ? [{ role: "system" as const, content: critic.system }] : []),
        { role: "user" as const, content },
      ];
      const reply = await client.chat({ messages, maxTokens: critic.max_tokens, temperature: 0 }, { signal });
      if (reply.text.trim().length === 0)
        throw new RewardkitError("UPSTREAM_ERROR", "the critic wrote an empty critique");
      return reply.text;
    };
    return perBatch(
      async (batch, context): Promise<RewardResult[]> => {
        const critiques = await Promise.all(
          batch.map((sample) =>
            critiqueOf(sample, context.signal).then(
              (text) => text,
              (error: unknown) => error,
            ),
          ),
        );
        const items: CritiquedText[] = [];
        const rows: number[] = [];
        critiques.forEach((critique, index) => {
          if (typeof critique !== "string") return;
          const sample = batch[index] as Sample;
          items.push({ prompt: flattenPrompt(sample.prompt), response: completionText(sample), critique });
          rows.push(index);
        });
        const scores = items.length > 0 ? model.score(items) : new Float64Array(0);
        const out: RewardResult[] = critiques.map((critique) => {
          if (typeof critique === "string") return { score: 0 };
          const error = RewardkitError.isInstance(critique)
            ? critique
            : new RewardkitError("UPSTREAM_ERROR", (critique as Error).message ?? String(critique));
          return { score: 0, error: { code: error.code, message: error.message } };
        });
        rows.forEach((row, at) => {
          out[row] = { score: scores[at] as number, reason: (items[at] as CritiquedText).critique };
        });
        return out;
      },
      client ? async () => (client as OpenAIClient).close() : undefined,
    );
  },
});
