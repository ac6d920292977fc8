import { z } from "zod";
import { completionText, defineNode, perSample, referenceText } from "../core/index.js";
import type { ChatContent } from "./client/judge-client.js";
import { emptyUsage } from "./client/usage.js";
import { clientFields, createClient } from "./connection.js";
import { JudgeImages } from "./judge-content.js";
import { labelProbabilities } from "./logprob-readout.js";
import { checkTemplate } from "./template.js";
import { recordUsage } from "./usage-state.js";

/** A reasoner's output split into its reasoning (answer removed) and its final answer. */
export function splitReasoning(text: string): {
  reasoning: string;
  answer: string | undefined;
  formatOk: boolean;
} {
  const think = /<think>([\s\S]*?)<\/think>/.exec(text);
  const answer = /<answer>([\s\S]*?)<\/answer>/.exec(text);
  const formatOk = /^\s*<think>[\s\S]*?<\/think>\s*<answer>[\s\S]*?<\/answer>\s*$/.test(text);
  const reasoning = think ? (think[1] ?? "") : text.replace(/<answer>[\s\S]*?<\/answer>/g, "");
  return { reasoning: reasoning.trim(), answer: answer?.[1]?.trim(), formatOk };
}

/**
 * Listener-shaped reward (Gambashidze et al., rm-rl.md §11; weights reconstructed):
 * additive R = r_format + r_acc + w · r_listener, or half R = r_format + 0.5 · r_acc + 0.5 · r_listener.
 */
export function listenerShapedReward(
  parts: { format: number; accuracy: number; listener: number },
  options: { shaping: "additive" | "half"; weight: number },
): number {
  return options.shaping === "half"
    ? parts.format + 0.5 * parts.accuracy + 0.5 * parts.listener
    : parts.format + parts.accuracy + options.weight * parts.listener;
}

const defaultListenerTemplate = `[Question]
{prompt}

[Someone's reasoning about the question, with their final answer removed]
{reasoning}

Based only on this reasoning, which answer is correct? Options: {choices}. Reply with the option only.`;

export const listenerNode = defineNode({
  type: "listener",
  summary:
    "A frozen listener model's confidence in the ground-truth answer after reading the completion's reasoning with the answer removed (read from the first token's log-probabilities); optionally shaped with format and accuracy.",
  paper: "Listener-Rewarded Thinking (#21)",
  fields: z.object({
    ...clientFields,
    choices: z
      .array(z.string().min(1))
      .min(2)
      .describe(
        'The answer options the listener chooses among (e.g. ["1", "2"] for which image is preferred).',
      ),
    template: z
      .string()
      .min(1)
      .default(defaultListenerTemplate)
      .describe("The listener's user message; `{prompt}`, `{reasoning}`, `{choices}` are filled in."),
    system: z.string().optional().describe("The listener's system message."),
    top_logprobs: z
      .number()
      .int()
      .min(2)
      .max(20)
      .default(20)
      .describe("Alternatives requested for the answer token."),
    output: z
      .enum(["confidence", "shaped"])
      .default("confidence")
      .describe(
        "confidence: P_listener(reference answer) in [0, 1]; shaped: format + accuracy + listener term by `shaping` (reconstructed weights), with the parts in components.",
      ),
    shaping: z
      .enum(["additive", "half"])
      .default("additive")
      .describe(
        "additive: R = format + accuracy + weight·listener; half: R = format + 0.5·accuracy + 0.5·listener.",
      ),
    weight: z.number().default(1).describe("w_l in the additive shaping (reconstructed default 1)."),
  }),
  example:
    '{ type: listener, url: "http://127.0.0.1:8000/v1", model: listener-vlm, choices: ["1", "2"], output: shaped }',
  create(spec, tools) {
    checkTemplate(spec.template, ["prompt", "reasoning", "choices"], `${tools.path}.template`);
    const client = createClient(spec, tools);
    return perSample(
      async (sample, context) => {
        const gold = referenceText(sample)?.trim();
        const goldIndex = spec.choices.findIndex((choice) => choice.toLowerCase() === gold?.toLowerCase());
        if (goldIndex < 0) {
          return {
            score: 0,
            error: {
              code: "NOT_APPLICABLE",
              message: `the row's reference ${JSON.stringify(gold ?? null)} is not one of the choices ${JSON.stringify(spec.choices)}`,
            },
          };
        }
        const split = splitReasoning(completionText(sample));
        const meter = emptyUsage();
        try {
          const messages: Array<{ role: "system" | "user"; content: ChatContent }> = [];
          if (spec.system) messages.push({ role: "system", content: spec.system });
          // The listener sees the question's images (a VLM task) as image_url parts.
          const images = new JudgeImages();
          messages.push({
            role: "user",
            content: images.content(spec.template, {
              prompt: images.text(sample.prompt, "prompt"),
              reasoning: split.reasoning,
              choices: spec.choices.join(", "),
            }),
          });
          const reply = await client.chat(
            {
              messages,
              temperature: spec.temperature,
              maxTokens: spec.max_tokens ?? 1,
              topLogprobs: spec.top_logprobs,
            },
            { signal: context.signal, meter },
          );
          const probabilities = labelProbabilities(reply.logprobs, spec.choices);
          if (!probabilities) {
            return {
              score: 0,
              error: {
                code: "PARSE_FAILED",
                message:
                  "no answer option among the listener's top log-probabilities (does the server return logprobs?)",
              },
              reason: reply.text,
            };
          }
          const listener = probabilities[goldIndex] as number;
          if (spec.output === "confidence")
            return { score: listener, reason: `listener P(${gold}) = ${listener.toFixed(3)}` };
          const format = split.formatOk ? 1 : 0;
          const accuracy =
            split.answer !== undefined && split.answer.toLowerCase() === gold?.toLowerCase() ? 1 : 0;
          return {
            score: listenerShapedReward(
              { format, accuracy, listener },
              { shaping: spec.shaping, weight: spec.weight },
            ),
            components: {
              [`${tools.name}.format`]: format,
              [`${tools.name}.accuracy`]: accuracy,
              [`${tools.name}.listener`]: listener,
            },
            reason: `format ${format}, accuracy ${accuracy}, listener P(${gold}) = ${listener.toFixed(3)}`,
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
