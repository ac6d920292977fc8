import { z } from "zod";
import {
  completionText,
  contentText,
  defineNode,
  type Message,
  nodeRef,
  perBatch,
  promptMessages,
  promptText,
  RewardkitError,
  type RewardResult,
  type Sample,
} from "../core/index.js";
import { aggregateSteps, stepAggregates } from "./sequence-aggregate.js";
import { scoreParts, sequenceResult } from "./sequence-results.js";
import { type StepSpan, splitSteps, stepSplits } from "./split-steps.js";

/** What a step sample carries in `meta.process`, so a PRM can score a whole solution in one request. */
export interface ProcessStepInfo {
  /** The step's position (0-based). */
  step: number;
  /** Every step of the solution, in order. */
  steps: string[];
  /** The question the solution answers (the prompt's text). */
  question: string;
}

/** The last assistant message of a message completion, and the messages before it. */
function lastAssistant(completion: readonly Message[]): { message: Message | undefined; before: Message[] } {
  for (let index = completion.length - 1; index >= 0; index--) {
    if (completion[index]?.role === "assistant") {
      return { message: completion[index], before: completion.slice(0, index) };
    }
  }
  return { message: undefined, before: [...completion] };
}

/**
 * Each step as a sample: the step is the completion; the prompt is the conversation before the
 * solution plus, from the second step on, an assistant message holding the solution up to the step.
 */
function stepSamples(
  sample: Sample,
  source: string,
  spans: readonly StepSpan[],
  before: Message[],
): Sample[] {
  const steps = spans.map((span) => span.text);
  const question = promptText(sample);
  const context = [...promptMessages(sample.prompt), ...before];
  return spans.map((span, step) => {
    const process: ProcessStepInfo = { step, steps, question };
    let prompt: Sample["prompt"];
    if (step > 0)
      prompt = [...context, { role: "assistant", content: source.slice(0, span.start).trimEnd() }];
    else prompt = typeof sample.completion === "string" ? sample.prompt : context;
    return { ...sample, prompt, completion: span.text, meta: { ...sample.meta, process } };
  });
}

export const processNode = defineNode({
  type: "process",
  summary:
    'Process reward: cuts the solution into steps (blank lines, "Step k:" labels, a separator or a regex), scores each step with its child (a `prm`, a judge, a rule) and aggregates: min, last, product or mean. Rows carry `step_rewards`.',
  paper: "Let's Verify Step by Step (Lightman et al. 2023: product / min); Math-Shepherd (min); ProcessBench",
  fields: z.object({
    reward: nodeRef.describe("The node that scores one step (e.g. `{ type: prm, url: ... }`)."),
    split: z
      .enum(stepSplits)
      .default("paragraphs")
      .describe(
        'paragraphs: at blank lines; step_labels: before each "Step k:" line; separator: at each `separator`; regex: at each match of `pattern`.',
      ),
    separator: z.string().min(1).optional().describe("The literal text between steps (split: separator)."),
    pattern: z
      .string()
      .min(1)
      .optional()
      .describe("A regex matched between steps (split: regex; the match is dropped, a lookahead keeps it)."),
    aggregate: z
      .enum(stepAggregates)
      .default("min")
      .describe(
        "How step scores become the solution's: min (Math-Shepherd), last, product (Lightman et al.), mean.",
      ),
    from: z
      .enum(["content", "reasoning_content"])
      .default("content")
      .describe(
        "Which text holds the steps: the last assistant message's `content` or its `reasoning_content`.",
      ),
  }),
  example:
    "{ type: process, aggregate: min, reward: { type: prm, url: 'http://127.0.0.1:5000/get_reward' } }",
  async create(spec, tools) {
    if (spec.split === "separator" && spec.separator === undefined) {
      throw new RewardkitError("SPEC_INVALID", "split: separator needs a `separator`", {
        path: `${tools.path}.separator`,
      });
    }
    let pattern: RegExp | undefined;
    if (spec.split === "regex") {
      if (spec.pattern === undefined) {
        throw new RewardkitError("SPEC_INVALID", "split: regex needs a `pattern`", {
          path: `${tools.path}.pattern`,
        });
      }
      try {
        pattern = new RegExp(spec.pattern, "gm");
      } catch (error) {
        throw new RewardkitError("SPEC_INVALID", `not a valid regex: ${(error as Error).message}`, {
          path: `${tools.path}.pattern`,
        });
      }
    }
    const child = await tools.child(spec.reward, "reward");
    const aggregate = (scores: readonly number[]) => aggregateSteps(scores, spec.aggregate);
    const splitOptions = { split: spec.split, separator: spec.separator, pattern };
    return perBatch(async (batch, context) => {
      const problems: (string | undefined)[] = [];
      const parts = batch.map((sample) => {
        let source: string;
        let before: Message[] = [];
        if (typeof sample.completion === "string") {
          source = spec.from === "content" ? sample.completion : "";
        } else {
          const last = lastAssistant(sample.completion);
          before = last.before;
          const field = spec.from === "content" ? last.message?.content : last.message?.reasoning_content;
          source =
            typeof field === "string" || Array.isArray(field) ? contentText(field as Message["content"]) : "";
          if (spec.from === "content" && !last.message) source = completionText(sample);
        }
        const spans = splitSteps(source, splitOptions);
        problems.push(
          spans.length === 0
            ? `the ${spec.from === "content" ? "completion" : "reasoning_content"} has no steps`
            : undefined,
        );
        return stepSamples(sample, source, spans, before);
      });
      const scored = await scoreParts(child, parts, context);
      return scored.map((steps, index): RewardResult => {
        const problem = problems[index];
        if (problem !== undefined) return { score: 0, error: { code: "NOT_APPLICABLE", message: problem } };
        const stepRewards = steps.map((step) => step.score);
        const result = sequenceResult({
          score: aggregate(stepRewards),
          parts: steps,
          label: "step",
          aggregate,
        });
        result.stepRewards = stepRewards;
        return result;
      });
    });
  },
});
