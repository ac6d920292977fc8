import { z } from "zod";
import { type CompileTools, defineNode, perSample, RewardkitError } from "../core/index.js";
import type { JudgeClient } from "./client/judge-client.js";
import { emptyUsage } from "./client/usage.js";
import { clientFields, createClient, samplingOf } from "./connection.js";
import { guardFields } from "./guards.js";
import { defaultScorePattern, scoreParsingFields, scoreRules } from "./parse-score.js";
import { judgePointwise, type PointwiseSetup } from "./pointwise.js";
import * as prompts from "./prompts.js";
import { checkTemplate, principleOf } from "./template.js";
import { recordUsage } from "./usage-state.js";

const roleOverrides = {
  url: clientFields.url.optional().describe("Another endpoint (default: the judge's)."),
  model: z.string().min(1).optional().describe("Another model (default: the judge's)."),
  api_key_env: clientFields.api_key_env,
  system: z.string().optional().describe("Its system message."),
};

export const pointwiseFields = {
  ...clientFields,
  ...scoreParsingFields,
  ...guardFields,
  preset: z
    .enum(["default", "grm"])
    .default("default")
    .describe(
      "Prompt style: `default` (principle, prompt, reference, response → `Score: N`) or `grm` (DeepSeek-GRM: the judge writes principles, then a critique, then `\\boxed{N}`; reconstructed wording).",
    ),
  system: z.string().optional().describe("The system message (default: the preset's)."),
  template: z
    .string()
    .min(1)
    .optional()
    .describe(
      "The user message; `{prompt}`, `{completion}`, `{reference}`, `{principle}`, `{lo}`, `{hi}` (and `{critique}` with a critic) are filled in.",
    ),
  principle: z
    .string()
    .optional()
    .describe("What to judge by (RewardAnything-style). A sample's `meta.principle` overrides it."),
  samples: z
    .number()
    .int()
    .min(1)
    .max(64)
    .default(1)
    .describe("k judgments per sample (temperature > 0 makes them differ)."),
  voting: z
    .enum(["mean", "sum", "median", "majority"])
    .default("mean")
    .describe(
      "How the k scores combine: mean, sum (DeepSeek-GRM voting: Σ of mapped scores, in [0, k]), median, or majority (most frequent score).",
    ),
  critic: z
    .strictObject({
      ...roleOverrides,
      template: z
        .string()
        .min(1)
        .optional()
        .describe("The critic's user message (default asks for a critique, no score)."),
    })
    .optional()
    .describe(
      "Critique first (MM-RLHF): a critic writes a critique that the judge's template receives as `{critique}`.",
    ),
  meta_judge: z
    .strictObject({
      ...roleOverrides,
      template: z
        .string()
        .min(1)
        .optional()
        .describe(
          "The meta judge's user message; `{judgment}` is the judge's reply, plus the judge's placeholders.",
        ),
      score_pattern: z.string().min(1).default(defaultScorePattern).describe("Finds the meta rating."),
      range: z.tuple([z.number(), z.number()]).default([1, 10]).describe("The meta rating's scale."),
      keep: z
        .number()
        .int()
        .positive()
        .optional()
        .describe("k_meta: judgments kept, by highest meta rating (default ceil(k/2), reconstructed)."),
    })
    .optional()
    .describe(
      "DeepSeek-GRM meta-RM guided voting: a meta judge rates each of the k judgments; only the top `keep` vote.",
    ),
};

type PointwiseSpec = z.output<z.ZodObject<typeof pointwiseFields>> & { cache?: boolean | undefined };

/** Compiles a pointwise judge's fields into clients and prompts; used by `judge` and `mpo_judge`. */
export function pointwiseSetup(
  spec: PointwiseSpec,
  tools: Pick<CompileTools, "path" | "baseDir">,
  extraPlaceholders: readonly string[] = [],
): { setup: PointwiseSetup; clients: JudgeClient[] } {
  const grm = spec.preset === "grm";
  const placeholders = ["prompt", "completion", "reference", "principle", "lo", "hi", ...extraPlaceholders];
  const template =
    spec.template ??
    (spec.critic ? prompts.afterCritiqueTemplate : grm ? prompts.grmTemplate : prompts.defaultTemplate);
  checkTemplate(
    template,
    spec.critic ? [...placeholders, "critique"] : placeholders,
    `${tools.path}.template`,
  );
  const pattern =
    grm && spec.score_pattern === defaultScorePattern ? prompts.grmScorePattern : spec.score_pattern;
  let rules: ReturnType<typeof scoreRules>;
  try {
    rules = scoreRules({ ...spec, score_pattern: pattern });
  } catch (error) {
    throw new RewardkitError("SPEC_INVALID", `invalid regular expression: ${(error as Error).message}`, {
      path: `${tools.path}.score_pattern`,
    });
  }
  const client = createClient(spec, tools);
  const clients = [client];
  const sampling = (variant: number) => samplingOf(spec, variant);
  const roleClient = (
    role: { url?: string | undefined; model?: string | undefined; api_key_env?: string | undefined },
    path: string,
  ) => {
    if (role.url === undefined && role.model === undefined && role.api_key_env === undefined) return client;
    const own = createClient(
      {
        ...spec,
        url: role.url ?? spec.url,
        model: role.model ?? spec.model,
        api_key_env: role.api_key_env ?? spec.api_key_env,
      },
      { ...tools, path },
    );
    clients.push(own);
    return own;
  };
  const setup: PointwiseSetup = {
    judge: {
      client,
      system: spec.system ?? (grm ? prompts.grmSystem : prompts.defaultSystem),
      template,
      sampling,
      rules,
    },
    samples: spec.samples,
    voting: spec.voting,
    guards: {
      trivial: spec.refuse_trivial,
      trivialPhrases: spec.trivial_phrases,
      injection: spec.refuse_injection,
    },
    delimit: spec.delimit,
  };
  if (spec.critic) {
    const criticTemplate = spec.critic.template ?? prompts.criticTemplate;
    checkTemplate(criticTemplate, placeholders, `${tools.path}.critic.template`);
    setup.critic = {
      client: roleClient(spec.critic, `${tools.path}.critic`),
      system: spec.critic.system,
      template: criticTemplate,
      sampling,
    };
  }
  if (spec.meta_judge) {
    const meta = spec.meta_judge;
    const metaTemplate = meta.template ?? prompts.metaTemplate;
    checkTemplate(metaTemplate, [...placeholders, "judgment"], `${tools.path}.meta_judge.template`);
    let metaPattern: RegExp;
    try {
      metaPattern = new RegExp(meta.score_pattern, "gi");
    } catch (error) {
      throw new RewardkitError("SPEC_INVALID", `invalid regular expression: ${(error as Error).message}`, {
        path: `${tools.path}.meta_judge.score_pattern`,
      });
    }
    setup.meta = {
      client: roleClient(meta, `${tools.path}.meta_judge`),
      system: meta.system,
      template: metaTemplate,
      // The meta judge rates deterministically: one rating per judgment.
      sampling: (variant) => ({ temperature: 0, maxTokens: spec.max_tokens, variant }),
      rules: {
        pattern: metaPattern,
        range: meta.range,
        several: "last",
        outOfRange: "clamp",
        stripThinking: true,
      },
      keep: meta.keep ?? Math.ceil(spec.samples / 2),
    };
  }
  return { setup, clients };
}

export const judgeNode = defineNode({
  type: "judge",
  summary:
    "A pointwise LLM judge over an OpenAI-compatible endpoint: principle + template → reply → score mapped from `range` onto [0, 1]; k samples with voting, critique-first, meta-judge filtering.",
  paper: "RewardAnything (#14), DeepSeek-GRM (#22), MM-RLHF critique RM (#36)",
  fields: z.object(pointwiseFields),
  example:
    '{ type: judge, url: "http://127.0.0.1:8000/v1", model: qwen2.5-7b-instruct, principle: "Prefer concise, correct answers.", range: [1, 10] }',
  create(spec, tools) {
    const { setup, clients } = pointwiseSetup(spec, tools);
    return perSample(
      async (sample, context) => {
        const meter = emptyUsage();
        try {
          return await judgePointwise(
            setup,
            sample,
            principleOf(sample, spec.principle ?? prompts.defaultPrinciple),
            { context, meter },
          );
        } finally {
          await recordUsage(context, tools.stateKey, meter);
        }
      },
      () => {
        for (const client of clients) client.close();
        return Promise.resolve();
      },
    );
  },
});
