import { z } from "zod";
import { defineNode, perBatch, RewardkitError, type RewardResult, type Sample } from "../core/index.js";
import { emptyUsage } from "./client/usage.js";
import { clientFields, createClient, samplingOf } from "./connection.js";
import { JudgeImages } from "./judge-content.js";
import {
  grmListing,
  type ListwiseFormat,
  readListwiseScores,
  rewardAnythingInput,
  voteOrder,
} from "./listwise.js";
import { seededIndex } from "./pairwise/preference.js";
import { mapToUnit } from "./parse-score.js";
import { defaultPrinciple } from "./prompts.js";
import { principleOf } from "./template.js";
import { recordUsage } from "./usage-state.js";

/** Our wording of RewardAnything's evaluator instructions (scores 1-5, JSON out). */
const rewardAnythingSystem = `You evaluate model responses by how well they follow a given evaluation principle, placing the principle above general preferences (never endorse harmful content). Think briefly, then score each response from 1 to 5 (5: follows the principle perfectly with excellent quality; 4: strong with minor limitations; 3: basic; 2: partial, key omissions; 1: poor or contradicts the principle) and rank them from best to worst without ties. Use the whole scale when quality differs. Output only this JSON: {"scores": {"model-1": 2, "model-2": 4, ...}, "best-to-worst": ["model-2", "model-1", ...]}`;

const grmSystem = `You are a skilled evaluator. For the prompt, first write the specific criteria that matter, with weights; then analyse each response against them; finally score every response with an integer from {lo} to {hi}, writing "Scores: \\boxed{s1, s2, ...}" in the order the responses are shown.`;

export const listwiseJudgeNode = defineNode({
  type: "listwise_judge",
  groupwise: true,
  summary:
    "A listwise LLM judge: each group's responses are shown together (in a new seeded order per vote) and scored in one reply — RewardAnything's JSON format or DeepSeek-GRM's \\boxed{s1, ..., sn}; k votes summed or averaged, mapped from `range` onto [0, 1].",
  paper: "RewardAnything (#14), DeepSeek-GRM (#22)",
  fields: z.object({
    ...clientFields,
    format: z
      .enum(["rewardanything", "grm"])
      .default("rewardanything")
      .describe(
        "rewardanything: JSON in and out (authors' input shape, masked `model-i` names); grm: `[Response i]` blocks in, `\\boxed{...}` out.",
      ),
    principle: z.string().optional().describe("What to judge by; a sample's `meta.principle` overrides it."),
    system: z.string().optional().describe("The system message (default by `format`)."),
    range: z
      .tuple([z.number(), z.number()])
      .optional()
      .describe(
        "The judge's scale (default [1, 5] for rewardanything, [1, 10] for grm), mapped onto [0, 1].",
      ),
    samples: z
      .number()
      .int()
      .min(1)
      .max(64)
      .default(1)
      .describe("k votes, each showing the group in another order."),
    voting: z
      .enum(["mean", "sum"])
      .default("mean")
      .describe("mean of the k mapped scores, or DeepSeek-GRM's sum (in [0, k])."),
  }),
  example:
    '{ type: listwise_judge, url: "http://127.0.0.1:8000/v1", model: RewardAnything-8B, principle: "Be concise." }',
  create(spec, tools) {
    const format: ListwiseFormat = spec.format;
    const range: [number, number] = spec.range ?? (format === "grm" ? [1, 10] : [1, 5]);
    if (range[1] <= range[0]) {
      throw new RewardkitError("SPEC_INVALID", "range must be [lo, hi] with hi > lo", {
        path: `${tools.path}.range`,
      });
    }
    const system = (spec.system ?? (format === "grm" ? grmSystem : rewardAnythingSystem))
      .replace("{lo}", String(range[0]))
      .replace("{hi}", String(range[1]));
    const client = createClient(spec, tools);
    const hash = (text: string) => seededIndex(text, 2 ** 31);

    async function scoreGroup(
      members: readonly Sample[],
      groupId: string,
      call: { signal: AbortSignal; meter: ReturnType<typeof emptyUsage> },
    ) {
      const first = members[0] as Sample;
      const principle = principleOf(first, spec.principle ?? defaultPrinciple);
      const votes = await Promise.all(
        Array.from({ length: spec.samples }, async (_, vote) => {
          const order = voteOrder(members.length, vote, groupId, hash);
          try {
            // Images (the prompt's, each response's) go as image_url parts, numbered as shown.
            const images = new JudgeImages();
            const prompt = images.text(first.prompt, "prompt");
            const shown = order.map((index) =>
              images.text((members[index] as Sample).completion, `response_${index}`),
            );
            const text =
              format === "grm"
                ? `[Guiding principle]\n${principle}\n\n[Prompt]\n${prompt}\n\n${grmListing(shown)}`
                : rewardAnythingInput(principle, prompt, shown);
            const user = images.attach(text);
            const reply = await client.chat(
              {
                messages: [
                  { role: "system", content: system },
                  { role: "user", content: user },
                ],
                ...samplingOf(spec, vote),
              },
              call,
            );
            const read = readListwiseScores(reply.text, format, members.length);
            if (!read.ok) return { failure: read.message, reply: reply.text };
            // Back from shown positions to the group's own order.
            const scores = new Array<number | undefined>(members.length);
            order.forEach((index, position) => {
              scores[index] = read.scores[position];
            });
            return { scores, reply: reply.text };
          } catch (error) {
            if (call.signal.aborted) throw error;
            const typed = RewardkitError.isInstance(error)
              ? error
              : new RewardkitError("NODE_FAILED", String(error));
            return { failure: `${typed.code}: ${typed.message}`, reply: "" };
          }
        }),
      );
      return members.map((_, index): RewardResult => {
        const raws: number[] = [];
        for (const vote of votes) {
          const value = "scores" in vote ? vote.scores?.[index] : undefined;
          if (value !== undefined) raws.push(value);
        }
        if (raws.length === 0) {
          const failed = votes.find((vote) => "failure" in vote);
          const message =
            failed && "failure" in failed ? failed.failure : "the judge gave this response no score";
          const result: RewardResult = {
            score: 0,
            error: {
              code: /^[A-Z_]+: /.test(message) ? (message.split(":")[0] as string) : "PARSE_FAILED",
              message,
            },
          };
          if (failed?.reply) result.reason = failed.reply;
          return result;
        }
        const outOfRange = raws.find((raw) => raw < range[0] || raw > range[1]);
        if (outOfRange !== undefined) {
          return {
            score: 0,
            error: {
              code: "PARSE_FAILED",
              message: `score ${outOfRange} is outside the range [${range[0]}, ${range[1]}]`,
            },
          };
        }
        const mapped = raws.map((raw) => mapToUnit(raw, range));
        const total = mapped.reduce((sum, value) => sum + value, 0);
        return {
          score: spec.voting === "sum" ? total : total / mapped.length,
          reason: `scores ${raws.join(", ")} over ${raws.length} of ${votes.length} votes (${spec.voting}), group of ${members.length}`,
        };
      });
    }

    return perBatch(
      async (batch, context) => {
        const meter = emptyUsage();
        try {
          const groups = new Map<string, number[]>();
          batch.forEach((sample, index) => {
            // A row without a group is judged alone (listwise judges take one response too).
            const key = sample.group === undefined ? `\u0000row-${index}` : `group:${String(sample.group)}`;
            groups.set(key, [...(groups.get(key) ?? []), index]);
          });
          const results = new Array<RewardResult>(batch.length);
          await Promise.all(
            [...groups].map(async ([key, indices]) => {
              const scored = await scoreGroup(
                indices.map((index) => batch[index] as Sample),
                `${context.runId}|${context.step}|${key}`,
                { signal: context.signal, meter },
              );
              indices.forEach((index, position) => {
                results[index] = scored[position] as RewardResult;
              });
            }),
          );
          return results;
        } finally {
          await recordUsage(context, tools.stateKey, meter);
        }
      },
      () => {
        client.close();
        return Promise.resolve();
      },
    );
  },
});
