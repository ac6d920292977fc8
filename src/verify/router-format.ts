import { z } from "zod";
import { defineNode, perSample } from "../core/index.js";
import { readText, textSourceField } from "./text-source.js";

/**
 * Router-R1's model names by keyword, as its `check_llm_name` resolves the `LLM-name` of a
 * `<search>LLM-name: query</search>` call (ulab-uiuc/Router-R1 `router_r1/llm_agent/route_service.py`).
 * Undefined for a name it does not know.
 */
export function routerR1ModelName(text: string): string | undefined {
  const name = text.trim().toLowerCase();
  if (name.includes("qwen")) return "qwen/qwen2.5-7b-instruct";
  if (name.includes("palmyra") || name.includes("creative")) return "writer/palmyra-creative-122b";
  if (name.includes("llama")) {
    if (name.includes("70b")) return "meta/llama-3.1-70b-instruct";
    if (name.includes("51b")) return "nvidia/llama-3.1-nemotron-51b-instruct";
    if (name.includes("49b")) return "nvidia/llama-3.3-nemotron-super-49b-v1";
    if (name.includes("8b"))
      return name.includes("chatqa") ? "nvidia/llama3-chatqa-1.5-8b" : "meta/llama-3.1-8b-instruct";
    return undefined;
  }
  if (name.includes("mistral")) return "mistralai/mistral-7b-instruct-v0.3";
  if (name.includes("mixtral")) return "mistralai/mixtral-8x22b-instruct-v0.1";
  if (name.includes("granite")) return "ibm/granite-3.0-8b-instruct";
  if (name.includes("gemma")) return "google/gemma-2-27b-it";
  return undefined;
}

const tags = ["search", "answer", "think", "information"] as const;

/**
 * Router-R1's format check (`format_reward` in `verl/trainer/main_ppo.py`; rlhf.md §20): why a
 * rollout fails it, or undefined when it passes. In the code's order: no tags; unbalanced tags;
 * an empty or "..." think; nested tags; not exactly one answer, no think, or searches without as
 * many information blocks; not starting with <think> or not ending with </answer>; a search that is
 * not `LLM-name: query` (or echoes the template); an unknown LLM name.
 */
export function routerR1FormatProblem(
  completion: string,
  knownModel: (name: string) => boolean,
): string | undefined {
  const matches = [...completion.matchAll(/<(search|answer|think|information)>([\s\S]*?)<\/\1>/g)];
  if (matches.length === 0) return "no <think>/<search>/<information>/<answer> block";
  for (const tag of tags) {
    if (completion.split(`<${tag}>`).length !== completion.split(`</${tag}>`).length)
      return `unbalanced <${tag}> tags`;
  }
  const counts = { search: 0, answer: 0, think: 0, information: 0 };
  let nested = false;
  let emptyThink = false;
  let badQuery = false;
  let unknownModel = false;
  for (const match of matches) {
    const action = match[1] as keyof typeof counts;
    const content = (match[2] as string).trim();
    counts[action]++;
    if (action === "search") {
      const parts = content.split(":");
      if (parts.length === 2) {
        const [name = "", query = ""] = parts.map((part) => part.trim());
        const lower = content.toLowerCase();
        if (
          query === "" ||
          lower.includes("llm-name") ||
          lower.includes("your-query") ||
          query.toLowerCase().includes(name.toLowerCase())
        ) {
          badQuery = true;
        }
        if (!knownModel(name)) unknownModel = true;
      } else badQuery = true;
    } else if (action === "think" && (content === "..." || content === "")) emptyThink = true;
    if (tags.some((tag) => content.includes(`<${tag}>`) || content.includes(`</${tag}>`))) nested = true;
  }
  if (emptyThink) return "an empty or '...' <think>";
  if (nested) return "nested tags";
  if (counts.answer !== 1) return `${counts.answer} <answer> blocks (exactly one expected)`;
  if (counts.think === 0) return "no <think>";
  if (counts.search !== counts.information)
    return `${counts.search} <search> but ${counts.information} <information> blocks`;
  const trimmed = completion.trim();
  if (!trimmed.startsWith("<think>")) return "does not start with <think>";
  if (!trimmed.endsWith("</answer>")) return "does not end with </answer>";
  if (badQuery) return "a <search> that is not `LLM-name: query`";
  if (unknownModel) return "a <search> naming an unknown LLM";
  return undefined;
}

export const routerFormatNode = defineNode({
  type: "router_format",
  summary:
    "Router-R1's format reward: 0 when the rollout follows its <think>/<search>LLM: query</search>/<information>/<answer> protocol, −1 otherwise (the reason names the first failing check).",
  paper: "Router-R1 (#60, `format_reward` in verl/trainer/main_ppo.py)",
  fields: z.object({
    models: z
      .array(z.string().min(1))
      .optional()
      .describe(
        "The LLM names a <search> may call (case-insensitive, exact). Default: Router-R1's own keyword rule (`check_llm_name`: qwen, llama 70b/8b, mistral, mixtral, gemma, palmyra, ...).",
      ),
    penalty: z
      .number()
      .default(-1)
      .describe("The score of a malformed rollout (the code's PUNISH constants are all −1)."),
    field: textSourceField,
  }),
  example: "{ type: router_format, models: [qwen2.5-7b-instruct, llama-3.1-70b-instruct] }",
  create(spec) {
    const allowed = spec.models ? new Set(spec.models.map((name) => name.toLowerCase())) : undefined;
    const knownModel = (name: string) =>
      allowed ? allowed.has(name.trim().toLowerCase()) : routerR1ModelName(name) !== undefined;
    return perSample((sample) => {
      const problem = routerR1FormatProblem(readText(sample, spec.field), knownModel);
      return problem === undefined
        ? { score: 0, reason: "format ok" }
        : { score: spec.penalty, reason: problem };
    });
  },
});
