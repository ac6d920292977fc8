import { z } from "zod";
import { completionText, defineNode, perSample, RewardkitError, type Sample } from "../core/index.js";
import { sentenceBleu } from "./similarity/bleu.js";
import { bmas } from "./similarity/bmas.js";
import { chrf } from "./similarity/chrf.js";
import { embedderField, makeEmbedder } from "./similarity/embedder-config.js";
import type { TokenEmbedder } from "./similarity/embedders.js";
import { rougeL } from "./similarity/rouge-l.js";

function references(sample: Sample): string[] {
  const reference = sample.reference;
  const items = Array.isArray(reference) ? reference : [reference];
  if (reference === undefined || reference === null || items.some((item) => typeof item !== "string")) {
    throw new RewardkitError("NOT_APPLICABLE", "the row's reference is not a text or a list of texts");
  }
  return items as string[];
}

function answerPart(text: string): string {
  const open = text.lastIndexOf("<answer>");
  if (open < 0) return text;
  const close = text.indexOf("</answer>", open);
  return text.slice(open + 8, close < 0 ? undefined : close);
}

export const similarityNode = defineNode({
  type: "similarity",
  summary:
    "Text similarity to the reference(s) in [0, 1]: sentence BLEU and chrF (as sacrebleu), ROUGE-L F1 (as rouge-score on English text), or BMAS over token embeddings (Mixed-R1's open-ended reward).",
  paper: "Mixed-R1 (#53) for bmas",
  fields: z.object({
    metric: z.enum(["bleu", "rouge_l", "chrf", "bmas"]).describe("The similarity measure."),
    answer_only: z
      .boolean()
      .default(false)
      .describe("Compare only the completion's `<answer>…</answer>` content when present."),
    embedder: embedderField,
    max_chars: z
      .number()
      .int()
      .positive()
      .default(100_000)
      .describe("Longer completions fail with LIMIT_EXCEEDED."),
  }),
  example: "{ type: similarity, metric: rouge_l }",
  needsReference: true,
  create(spec, tools) {
    const embedder =
      spec.metric === "bmas"
        ? makeEmbedder(spec.embedder, tools.baseDir, `${tools.path}.embedder`)
        : undefined;
    return perSample((sample) => {
      const texts = references(sample);
      const full = completionText(sample);
      if (full.length > spec.max_chars) {
        throw new RewardkitError(
          "LIMIT_EXCEEDED",
          `the completion has ${full.length} characters, over max_chars=${spec.max_chars}`,
        );
      }
      const text = spec.answer_only ? answerPart(full) : full;
      switch (spec.metric) {
        case "bleu":
          return sentenceBleu(text, texts);
        case "rouge_l":
          return rougeL(text, texts);
        case "chrf":
          return chrf(text, texts);
        case "bmas": {
          const model = embedder as TokenEmbedder;
          const response = model.embed(text);
          return Math.max(0, ...texts.map((reference) => bmas(response, model.embed(reference))));
        }
      }
    });
  },
});
