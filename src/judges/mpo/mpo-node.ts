import { z } from "zod";
import {
  type Context,
  defineNode,
  mapBounded,
  perBatch,
  RewardkitError,
  type RewardResult,
  type Sample,
} from "../../core/index.js";
import { emptyUsage, type UsageTotals } from "../client/usage.js";
import { clientFields, createClient } from "../connection.js";
import { JudgeImages } from "../judge-content.js";
import { pointwiseFields, pointwiseSetup } from "../judge-node.js";
import { seededIndex } from "../pairwise/preference.js";
import { judgePointwise } from "../pointwise.js";
import { recordUsage } from "../usage-state.js";
import { type RubricState, rewriteDue } from "./rubric.js";
import { evolveRubric } from "./rubric-evolver.js";

const { principle: _principle, ...judgeFields } = pointwiseFields;

export const mpoJudgeNode = defineNode({
  type: "mpo_judge",
  summary:
    "MPO: a pointwise judge whose rubric is per-run state, rewritten by a meta judge every `every` training steps from recent scored samples (analyse → refine → merge); versions are kept and logged.",
  paper: "Meta Policy Optimization (#26)",
  fields: z.object({
    ...judgeFields,
    rubric: z
      .string()
      .min(1)
      .describe("The first rubric; the judge's template receives the current one as `{principle}`."),
    meta: z
      .strictObject({
        url: clientFields.url.optional().describe("The meta judge's endpoint (default: the judge's)."),
        model: z.string().min(1).optional().describe("The meta judge's model (default: the judge's)."),
        api_key_env: clientFields.api_key_env,
        system: z.string().optional().describe("The meta judge's system message."),
        every: z
          .number()
          .int()
          .positive()
          .default(10)
          .describe(
            "Rewrite the rubric once this many training steps have passed since the last version (reconstructed default).",
          ),
        samples: z
          .number()
          .int()
          .positive()
          .default(20)
          .describe("Recent samples analysed per rewrite (MPO's num_samples)."),
        prescreen: z
          .boolean()
          .default(false)
          .describe("Let the meta judge flag mis-scored samples first and analyse those first."),
        max_merge_words: z
          .number()
          .int()
          .positive()
          .default(16_666)
          .describe("Word budget of the refinements sent to the merge step."),
        recent_limit: z
          .number()
          .int()
          .positive()
          .default(200)
          .describe("How many recent scored samples the run keeps."),
      })
      .default({ every: 10, samples: 20, prescreen: false, max_merge_words: 16_666, recent_limit: 200 })
      .describe("The meta judge that rewrites the rubric."),
  }),
  example:
    '{ type: mpo_judge, url: "http://127.0.0.1:8000/v1", model: judge, rubric: "<rubric><item>Correct and complete.</item></rubric>", meta: { every: 10 } }',
  create(spec, tools) {
    if (spec.cache === true) {
      throw new RewardkitError(
        "SPEC_INVALID",
        "mpo_judge scores change when its rubric is rewritten, so results cannot be cached by sample content (judge replies are still cached by request)",
        { path: `${tools.path}.cache` },
      );
    }
    const { setup, clients } = pointwiseSetup(spec, tools);
    const meta = spec.meta;
    const metaClient =
      meta.url === undefined && meta.model === undefined && meta.api_key_env === undefined
        ? (clients[0] as (typeof clients)[number])
        : createClient(
            {
              ...spec,
              url: meta.url ?? spec.url,
              model: meta.model ?? spec.model,
              api_key_env: meta.api_key_env ?? spec.api_key_env,
            },
            { ...tools, path: `${tools.path}.meta` },
          );
    if (!clients.includes(metaClient)) clients.push(metaClient);
    const stateKey = `${tools.stateKey}:mpo`;
    // One rewrite at a time per run: concurrent batches of one step wait for it instead of repeating it.
    const rewriting = new Map<string, Promise<void>>();

    async function currentState(context: Context): Promise<RubricState> {
      return context.state.update<RubricState>(
        stateKey,
        (previous) =>
          previous ?? {
            current: { version: 0, step: context.step, rubric: spec.rubric },
            history: [{ version: 0, step: context.step, rubric: spec.rubric }],
            recent: [],
          },
      );
    }

    async function maybeRewrite(context: Context, meter: UsageTotals): Promise<void> {
      const pending = rewriting.get(context.runId);
      if (pending) return pending;
      const state = await currentState(context);
      if (!rewriteDue(state, context.step, meta.every)) return;
      const work = (async () => {
        try {
          const evolved = await evolveRubric(
            {
              client: metaClient,
              system: meta.system,
              samples: meta.samples,
              prescreen: meta.prescreen,
              maxMergeWords: meta.max_merge_words,
              temperature: spec.temperature,
              maxTokens: spec.max_tokens,
            },
            {
              rubric: state.current.rubric,
              recent: state.recent,
              seed: seededIndex(`${context.runId}|${context.step}`, 2 ** 31),
            },
            { signal: context.signal, meter },
          );
          if (!evolved) {
            context.logger.warn(
              { node: tools.name, run: context.runId, step: context.step },
              "mpo: the merged rubric had no <item>s; keeping the current rubric",
            );
          }
          await context.state.update<RubricState>(stateKey, (previous) => {
            const base = previous ?? state;
            // Without a new rubric the clock restarts too, so a failing meta judge is not asked every batch.
            const next = evolved
              ? { version: base.current.version + 1, step: context.step, rubric: evolved.rubric }
              : { ...base.current, step: context.step };
            return {
              current: next,
              history: evolved ? [...base.history, next] : base.history,
              recent: evolved ? [] : base.recent,
            };
          });
          if (evolved) {
            context.logger.info(
              {
                node: tools.name,
                run: context.runId,
                step: context.step,
                version: state.current.version + 1,
                items: evolved.items,
                analysed: evolved.analysed,
              },
              "mpo: rubric rewritten",
            );
          }
        } catch (error) {
          if (context.signal.aborted) throw error;
          context.logger.warn(
            { node: tools.name, run: context.runId, step: context.step, error: String(error) },
            "mpo: rubric rewrite failed; keeping the current rubric",
          );
          await context.state.update<RubricState>(stateKey, (previous) => {
            const base = previous ?? state;
            return { ...base, current: { ...base.current, step: context.step } };
          });
        } finally {
          rewriting.delete(context.runId);
        }
      })();
      rewriting.set(context.runId, work);
      return work;
    }

    return perBatch(
      async (batch, context) => {
        const meter = emptyUsage();
        try {
          await maybeRewrite(context, meter);
          const state = await currentState(context);
          const rubric = state.current.rubric;
          const results = await mapBounded(batch, context.concurrency, (sample: Sample) =>
            judgePointwise(setup, sample, rubric, { context, meter }),
          );
          const scored = results
            .map((result, index) => ({ result, sample: batch[index] as Sample }))
            .filter(({ result }) => !result.error)
            .map(({ result, sample }) => ({
              // The rubric's meta judge reads text: images stay "[image k]" labels (MPO is text-only;
              // keeping base64 images in the run state would bloat it).
              prompt: new JudgeImages().text(sample.prompt, "prompt"),
              completion: new JudgeImages().text(sample.completion, "completion"),
              score:
                setup.judge.rules.range[0] +
                result.score * (setup.judge.rules.range[1] - setup.judge.rules.range[0]),
              rationale: result.reason ?? "",
            }));
          await context.state.update<RubricState>(stateKey, (previous) => {
            const base = previous ?? state;
            return { ...base, recent: [...base.recent, ...scored].slice(-meta.recent_limit) };
          });
          return results.map(
            (result): RewardResult => ({
              ...result,
              reason: `[rubric v${state.current.version}] ${result.reason ?? ""}`,
            }),
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

/** The rubric versions an MPO judge has written in a run, oldest first (for logs and reports). */
export async function rubricHistory(context: Context, stateKey: string) {
  return (await context.state.get<RubricState>(`${stateKey}:mpo`))?.history ?? [];
}
