import { mulberry32 } from "../../core/index.js";
import type { JudgeClient } from "../client/judge-client.js";
import type { UsageTotals } from "../client/usage.js";
import { fillTemplate } from "../template.js";
import * as prompts from "./prompts.js";
import { formatRubric, joinUnderWordLimit, rubricItems, type ScoredExample } from "./rubric.js";

export interface EvolverOptions {
  client: JudgeClient;
  system?: string | undefined;
  /** How many recent samples are analysed (MPO's num_samples, default 20). */
  samples: number;
  /** Analyse samples the meta judge flags as mis-scored first (MPO's prescreening). */
  prescreen: boolean;
  /** Word budget of the joined refinements in the merge prompt. */
  maxMergeWords: number;
  temperature?: number | undefined;
  maxTokens?: number | undefined;
}

type Call = { signal: AbortSignal; meter: UsageTotals };
type Messages = Array<{ role: "system" | "user" | "assistant"; content: string }>;

/** A seeded shuffle (mulberry32), so a step's choice of samples is reproducible. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = mulberry32(seed);
  const out = [...items];
  for (let index = out.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [out[index], out[other]] = [out[other] as T, out[index] as T];
  }
  return out;
}

/**
 * One MPO rubric rewrite (Kim et al., arXiv 2504.20157; loop as in the authors' `MetaRewardModel.
 * meta_evaluate_and_update`): pick recent samples (flagged ones first when prescreening), let the
 * meta judge analyse each and propose a refined rubric in the same conversation, merge the
 * refinements into one rubric of unique `<item>`s. Undefined when the merge yields no items.
 */
export async function evolveRubric(
  options: EvolverOptions,
  input: { rubric: string; recent: readonly ScoredExample[]; seed: number },
  call: Call,
): Promise<{ rubric: string; items: number; analysed: number } | undefined> {
  const chat = async (messages: Messages, variant: number) => {
    const all: Messages = options.system
      ? [{ role: "system", content: options.system }, ...messages]
      : messages;
    const reply = await options.client.chat(
      { messages: all, temperature: options.temperature, maxTokens: options.maxTokens, variant },
      call,
    );
    return reply.text;
  };
  const values = (example: ScoredExample) => ({
    prompt: example.prompt,
    completion: example.completion,
    rubric: input.rubric,
    score: String(example.score),
    rationale: example.rationale,
    max_words: "1000",
  });
  let pool = shuffled(input.recent, input.seed);
  if (options.prescreen) {
    const verdicts = await Promise.all(
      pool.map((example, index) =>
        chat([{ role: "user", content: fillTemplate(prompts.prescreenTemplate, values(example)) }], index),
      ),
    );
    const flagged = pool.filter((_, index) => /\bbad\b/i.test(verdicts[index] ?? ""));
    pool = [...flagged, ...pool.filter((example) => !flagged.includes(example))];
  }
  const chosen = pool.slice(0, options.samples);
  const refinements = await Promise.all(
    chosen.map(async (example, index) => {
      const analyze = fillTemplate(prompts.analyzeTemplate, values(example));
      const analysis = await chat([{ role: "user", content: analyze }], index);
      const refinement = await chat(
        [
          { role: "user", content: analyze },
          { role: "assistant", content: analysis },
          { role: "user", content: prompts.refineTemplate },
        ],
        index,
      );
      return `Scoring criteria set #${index + 1}:\n${refinement}\n`;
    }),
  );
  const merged = await chat(
    [
      {
        role: "user",
        content: fillTemplate(prompts.mergeTemplate, {
          sets: joinUnderWordLimit(refinements, options.maxMergeWords),
        }),
      },
    ],
    0,
  );
  const items = rubricItems(merged);
  if (items.length === 0) return undefined;
  return { rubric: formatRubric(items), items: items.length, analysed: chosen.length };
}
