import { z } from "zod";
import {
  defineNode,
  hasImages,
  type Message,
  perSample,
  RewardkitError,
  type Sample,
} from "../core/index.js";
import { emptyUsage } from "./client/usage.js";
import { clientFields, createClient } from "./connection.js";
import { followUpLikelihoodReward, spanLogLikelihood } from "./follow-up-likelihood.js";
import { checkTemplate, conversationText, fillTemplate } from "./template.js";
import { recordUsage } from "./usage-state.js";

/** Our own default follow-ups (the authors' lists, by helpfulness aspect, can be passed in instead). */
export const defaultPositiveFollowUps = [
  "Thanks, that answers my question.",
  "Great, this is exactly what I needed.",
  "That makes sense, thank you!",
  "Very clear and helpful, thanks.",
  "Perfect, that's correct.",
  "I learned something useful here.",
];
export const defaultNegativeFollowUps = [
  "That's not what I asked.",
  "This is wrong.",
  "I'm confused, that doesn't make sense.",
  "That doesn't help me at all.",
  "You ignored my instructions.",
  "That's too vague to be useful.",
];

type Turn = { role: string; content: string };
/** How each chat format writes one turn (the server adds BOS tokens itself). */
const formats: Record<"chatml" | "llama3" | "plain", (turn: Turn) => string> = {
  chatml: (turn) => `<|im_start|>${turn.role}\n${turn.content}<|im_end|>\n`,
  llama3: (turn) => `<|start_header_id|>${turn.role}<|end_header_id|>\n\n${turn.content}<|eot_id|>`,
  plain: (turn) =>
    `${turn.role === "user" ? "User" : turn.role === "assistant" ? "Assistant" : "System"}: ${turn.content}\n`,
};

function turnsOf(value: string | Message[], role: string): Turn[] {
  if (typeof value === "string") return [{ role, content: value }];
  return value.map((message) => ({ role: message.role, content: conversationText([message]) }));
}

export const flrNode = defineNode({
  type: "flr",
  summary:
    "Follow-up likelihood as reward: mean log-likelihood of positive minus negative next user turns after the completion, from a completions endpoint with echoed log-probabilities.",
  paper: "FLR (#61)",
  fields: z.object({
    ...clientFields,
    chat_format: z
      .enum(["chatml", "llama3", "plain"])
      .default("chatml")
      .describe("How the conversation and the follow-up (the next user turn) are written for the model."),
    template: z
      .string()
      .min(1)
      .optional()
      .describe(
        "Instead of `chat_format`: the whole text with `{prompt}`, `{completion}` and `{followup}` (once).",
      ),
    positive: z
      .array(z.string().min(1))
      .min(1)
      .default(defaultPositiveFollowUps)
      .describe("F+: positive follow-ups."),
    negative: z
      .array(z.string().min(1))
      .min(1)
      .default(defaultNegativeFollowUps)
      .describe("F−: negative follow-ups."),
    normalize: z
      .enum(["mean", "sum"])
      .default("mean")
      .describe(
        "Per-token mean (length-normalised, reconstructed default) or sum of the follow-up's log-probabilities.",
      ),
  }),
  example: '{ type: flr, url: "http://127.0.0.1:8000/v1", model: llama-3-8b-instruct, chat_format: llama3 }',
  create(spec, tools) {
    if (spec.template !== undefined) {
      checkTemplate(spec.template, ["prompt", "completion", "followup"], `${tools.path}.template`);
      if (spec.template.split("{followup}").length !== 2) {
        throw new RewardkitError("SPEC_INVALID", "the template must contain {followup} exactly once", {
          path: `${tools.path}.template`,
        });
      }
    }
    const client = createClient(spec, tools);

    /** The text up to the follow-up and after it. */
    function surround(sample: Sample): { before: string; after: string } {
      if (spec.template !== undefined) {
        const values = {
          prompt: conversationText(sample.prompt),
          completion: conversationText(sample.completion),
        };
        const [head, tail] = spec.template.split("{followup}") as [string, string];
        return { before: fillTemplate(head, values), after: fillTemplate(tail, values) };
      }
      const write = formats[spec.chat_format];
      const history = [...turnsOf(sample.prompt, "user"), ...turnsOf(sample.completion, "assistant")]
        .map(write)
        .join("");
      const [head, tail] = write({ role: "user", content: "\u0000" }).split("\u0000") as [string, string];
      return { before: history + head, after: tail };
    }

    return perSample(
      async (sample, context) => {
        if (hasImages(sample.prompt) || hasImages(sample.completion)) {
          return {
            score: 0,
            error: {
              code: "INPUT_INVALID",
              message:
                "follow_up_likelihood reads log-probabilities from /completions, which takes text only; this sample has images (use a judge node with a VLM)",
            },
          };
        }
        const { before, after } = surround(sample);
        const meter = emptyUsage();
        const call = { signal: context.signal, meter };
        const likelihood = async (followUp: string, variant: number): Promise<number> => {
          const reply = await client.complete(
            {
              prompt: `${before}${followUp}${after}`,
              maxTokens: spec.max_tokens ?? 1,
              echo: true,
              logprobs: 1,
              temperature: 0,
              variant,
            },
            call,
          );
          // Offsets from the echoed tokens themselves: servers differ in whether text_offset counts a BOS token.
          const joined = reply.tokens.map((token) => token.text).join("");
          const start = joined.lastIndexOf(followUp);
          let value: number | undefined;
          if (start >= 0) {
            let running = 0;
            const tokens = reply.tokens.map((token) => {
              const offset = running;
              running += token.text.length;
              return { ...token, offset };
            });
            value = spanLogLikelihood(tokens, { start, end: start + followUp.length }, spec.normalize);
          } else {
            value = spanLogLikelihood(
              reply.tokens,
              { start: before.length, end: before.length + followUp.length },
              spec.normalize,
            );
          }
          if (value === undefined) {
            throw new RewardkitError(
              "PARSE_FAILED",
              `no echoed log-probabilities for the follow-up "${followUp}" (does the server support echo with logprobs on /completions?)`,
            );
          }
          return value;
        };
        try {
          const [positive, negative] = await Promise.all([
            Promise.all(spec.positive.map((followUp, index) => likelihood(followUp, index))),
            Promise.all(spec.negative.map((followUp, index) => likelihood(followUp, index))),
          ]);
          const score = followUpLikelihoodReward(positive, negative);
          const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
          return {
            score,
            reason: `mean log-likelihood of positive follow-ups ${mean(positive).toFixed(3)}, negative ${mean(negative).toFixed(3)}`,
          };
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
