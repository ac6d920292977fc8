import { z } from "zod";
import {
  type Context,
  defineNode,
  perBatch,
  RewardkitError,
  type RewardResult,
  referenceText,
  type Sample,
} from "../../core/index.js";
import type { ChatContent } from "../client/judge-client.js";
import type { UsageTotals } from "../client/usage.js";
import { emptyUsage } from "../client/usage.js";
import { clientFields, createClient, samplingOf } from "../connection.js";
import { guardFields } from "../guards.js";
import { JudgeImages } from "../judge-content.js";
import { defaultPrinciple } from "../prompts.js";
import { checkTemplate, principleOf, referenceForJudge } from "../template.js";
import { delimitNotice, delimitUntrusted } from "../untrusted.js";
import { recordUsage } from "../usage-state.js";
import {
  aggregateVotes,
  brpoAdvantages,
  meanPreferences,
  pairPreference,
  seededIndex,
  thinkRmAdvantages,
  winRates,
} from "./preference.js";
import { pairwiseSystem, pairwiseTemplates } from "./prompts.js";
import { thinkRmSampling, thinkRmSystem, thinkRmTemplate } from "./think-rm-prompt.js";
import { defaultVerdictPattern, readVerdict, type Verdict, verdictField, verdictMax } from "./verdict.js";

export const pairwiseJudgeNode = defineNode({
  type: "pairwise_judge",
  groupwise: true,
  summary:
    "A pairwise LLM judge turned into per-sample rewards: round-robin within a group (win rate or Think-RM advantage), BRPO against a bootstrapped reference from the group, or Pairwise-RL against the row's reference as anchor. Both orders are asked to cancel position bias.",
  paper: "Writing-Zero (#54), Think-RM (#39), Pairwise-RL (#45), UnifiedReward-Think (#33)",
  fields: z.object({
    ...clientFields,
    method: z
      .enum(["round_robin", "bootstrap", "anchor"])
      .default("round_robin")
      .describe(
        "round_robin: every pair in the group; bootstrap: BRPO, each response against one response of its group drawn at random (reproducibly, by run, step and group); anchor: Pairwise-RL, each response against the row's `reference` (or `meta.anchor`).",
      ),
    output: z
      .enum(["win_rate", "mean_preference", "think_rm"])
      .default("win_rate")
      .describe(
        "round_robin only. win_rate: mean of (1 + P_ij/max)/2 in [0, 1]; mean_preference: mean of P_ij over j ≠ i (reconstructed Think-RM reward); think_rm: the authors' code, Σ_j P_ij / G divided by sqrt(Σ P² / (2G(G−1)) + 1e-6).",
      ),
    verdict: verdictField,
    verdict_pattern: z
      .string()
      .min(1)
      .optional()
      .describe(
        "A regular expression for the verdict (choice: group 1 is A/B/C; strength: group 1 holds the number; scores: groups 1 and 2).",
      ),
    both_orders: z
      .boolean()
      .default(true)
      .describe(
        "Ask each pair in both orders and average, cancelling position bias (Think-RM's code asks one order: set false to reproduce it).",
      ),
    votes: z
      .number()
      .int()
      .min(1)
      .max(64)
      .default(1)
      .describe(
        "Voting@n (Writing-Zero): judgments sampled per order (each its own request and seed); a pair's preference aggregates all of them.",
      ),
    vote: z
      .enum(["mean", "majority"])
      .default("mean")
      .describe(
        "How Voting@n aggregates the order-corrected verdicts: their mean, or the sign of their sum (a majority vote; ties count 0).",
      ),
    top_logprobs: z
      .number()
      .int()
      .min(2)
      .max(20)
      .default(20)
      .describe("`logprob` verdicts: alternatives requested per token."),
    preset: z
      .enum(["think_rm"])
      .optional()
      .describe(
        "The authors' prompt: `think_rm` = Think-RM's NaiveReasoningMulticlass system and user messages (github.com/IlgeeHong/Think-RM, PairwiseRLHF), with their temperature 0.6 and max_tokens 2048 unless set; needs `verdict: strength`. `system` and `template` still override it.",
      ),
    system: z.string().optional().describe("The system message."),
    template: z
      .string()
      .min(1)
      .optional()
      .describe(
        "The user message; `{prompt}`, `{completion_a}`, `{completion_b}`, `{reference}`, `{principle}` are filled in (default by `verdict`).",
      ),
    principle: z.string().optional().describe("What to judge by; a sample's `meta.principle` overrides it."),
    delimit: guardFields.delimit,
  }),
  example:
    '{ type: pairwise_judge, url: "http://127.0.0.1:8000/v1", model: judge, method: bootstrap, verdict: scores }',
  create(given, tools) {
    if (given.preset === "think_rm" && given.verdict !== "strength") {
      throw new RewardkitError(
        "SPEC_INVALID",
        "preset think_rm asks for Think-RM's <answer>-3..3</answer> (positive = B better): set verdict: strength",
        { path: `${tools.path}.verdict` },
      );
    }
    const spec =
      given.preset === "think_rm"
        ? {
            ...given,
            system: given.system ?? thinkRmSystem,
            template: given.template ?? thinkRmTemplate,
            temperature: given.temperature ?? thinkRmSampling.temperature,
            max_tokens: given.max_tokens ?? thinkRmSampling.maxTokens,
          }
        : given;
    // The authors strip trailing whitespace from the context and both responses.
    const part = (text: string) => (given.preset === "think_rm" ? text.trimEnd() : text);
    const template = spec.template ?? pairwiseTemplates[spec.verdict];
    checkTemplate(
      template,
      ["prompt", "completion_a", "completion_b", "reference", "principle"],
      `${tools.path}.template`,
    );
    let pattern: RegExp | undefined;
    const source = spec.verdict_pattern ?? defaultVerdictPattern(spec.verdict);
    if (source !== undefined) {
      try {
        pattern = new RegExp(source, "gi");
      } catch (error) {
        throw new RewardkitError("SPEC_INVALID", `invalid regular expression: ${(error as Error).message}`, {
          path: `${tools.path}.verdict_pattern`,
        });
      }
    }
    const client = createClient(spec, tools);
    const logprob = spec.verdict === "logprob";
    const orders = spec.both_orders ? 2 : 1;
    const maximum = verdictMax(spec.verdict);

    /**
     * The judge's signed "first is better" verdict for (first, second) under `sample`'s prompt.
     * Images in the prompt and both completions go to the judge as `image_url` parts.
     */
    async function compare(
      sample: Sample,
      pair: { first: Sample; second: Sample },
      call: { signal: AbortSignal; meter: UsageTotals },
      variant = 0,
    ): Promise<Verdict> {
      const images = new JudgeImages();
      const prompt = part(images.text(sample.prompt, "prompt"));
      const first = part(images.text(pair.first.completion, "completion_a"));
      const second = part(images.text(pair.second.completion, "completion_b"));
      const messages: Array<{ role: "system" | "user"; content: ChatContent }> = [
        {
          role: "system",
          content: spec.delimit
            ? `${spec.system ?? pairwiseSystem}\n\n${delimitNotice}`
            : (spec.system ?? pairwiseSystem),
        },
        {
          role: "user",
          content: images.content(template, {
            prompt,
            completion_a: spec.delimit ? delimitUntrusted(first) : first,
            completion_b: spec.delimit ? delimitUntrusted(second) : second,
            reference: referenceForJudge(sample),
            principle: principleOf(sample, spec.principle ?? defaultPrinciple),
          }),
        },
      ];
      const sampling = samplingOf(spec, variant);
      try {
        const reply = await client.chat(
          {
            messages,
            ...sampling,
            maxTokens: logprob ? (spec.max_tokens ?? 1) : sampling.maxTokens,
            topLogprobs: logprob ? spec.top_logprobs : undefined,
          },
          call,
        );
        return readVerdict(reply, spec.verdict, pattern);
      } catch (error) {
        if (call.signal.aborted) throw error;
        const typed = RewardkitError.isInstance(error)
          ? error
          : new RewardkitError("NODE_FAILED", String(error));
        return { ok: false, message: `${typed.code}: ${typed.message}` };
      }
    }

    /** P_ij for (i, j): both orders (or one) through the judge, combined to cancel position bias. */
    async function preference(
      first: Sample,
      second: Sample,
      call: { signal: AbortSignal; meter: UsageTotals },
    ): Promise<{ value: number | undefined; failures: string[]; disagreed: boolean }> {
      const asks = Array.from({ length: spec.votes }, (_, vote) => [
        compare(first, { first, second }, call, vote),
        ...(orders === 2 ? [compare(first, { first: second, second: first }, call, vote)] : []),
      ]);
      const rounds = await Promise.all(asks.map((round) => Promise.all(round)));
      const verdicts = rounds.flat();
      const failures = verdicts
        .filter((verdict) => !verdict.ok)
        .map((verdict) => (verdict as { message: string }).message);
      // Each round: P = pairPreference(forward, backward); Voting@n aggregates the rounds.
      const values = rounds
        .map(([forward, backward]) =>
          pairPreference(
            forward?.ok ? forward.firstBetter : undefined,
            backward?.ok ? backward.firstBetter : undefined,
          ),
        )
        .filter((value): value is number => value !== undefined);
      const value = values.length === 0 ? undefined : aggregateVotes(values, spec.vote, maximum);
      const disagreed = rounds.some(
        ([forward, backward]) =>
          forward?.ok === true &&
          backward?.ok === true &&
          Math.sign(forward.firstBetter) === Math.sign(backward.firstBetter) &&
          forward.firstBetter !== 0,
      );
      return { value, failures, disagreed };
    }

    async function scoreGroup(
      members: readonly Sample[],
      context: Context,
      meter: UsageTotals,
    ): Promise<RewardResult[]> {
      const call = { signal: context.signal, meter };
      const size = members.length;
      if (spec.method === "bootstrap") {
        const groupId = String(members[0]?.group);
        const referenceIndex = seededIndex(`${context.runId}|${context.step}|${groupId}`, size);
        const reference = members[referenceIndex] as Sample;
        const outcomes = await Promise.all(
          members.map((member, index) =>
            index === referenceIndex ? Promise.resolve(undefined) : preference(member, reference, call),
          ),
        );
        const advantages = brpoAdvantages(
          outcomes.map((outcome) => outcome?.value),
          referenceIndex,
        );
        return members.map((_, index) => {
          if (index === referenceIndex)
            return { score: 0, reason: "the group's bootstrapped reference (BRPO)" };
          const outcome = outcomes[index];
          const value = advantages[index];
          if (value === undefined || outcome === undefined) return comparisonError(outcome?.failures ?? []);
          const word = value > 0 ? "beats" : value < 0 ? "loses to" : "ties with";
          return {
            score: value,
            reason: `${word} the bootstrapped reference (response ${referenceIndex + 1} of ${size})${disagreement(outcome.disagreed ? 1 : 0)}`,
          };
        });
      }
      const matrix: Array<Array<number | undefined>> = members.map(() =>
        new Array<number | undefined>(size).fill(undefined),
      );
      const failures: string[][] = members.map(() => []);
      let disagreements = new Array<number>(size).fill(0);
      const pairs: Array<[number, number]> = [];
      for (let i = 0; i < size; i++) for (let j = i + 1; j < size; j++) pairs.push([i, j]);
      await Promise.all(
        pairs.map(async ([i, j]) => {
          const other = members[j] as Sample;
          const outcome = await preference(members[i] as Sample, other, call);
          if (outcome.value !== undefined) {
            (matrix[i] as Array<number | undefined>)[j] = outcome.value;
            (matrix[j] as Array<number | undefined>)[i] = -outcome.value;
          }
          (failures[i] as string[]).push(...outcome.failures);
          (failures[j] as string[]).push(...outcome.failures);
          if (outcome.disagreed) {
            disagreements = disagreements.map((count, index) =>
              index === i || index === j ? count + 1 : count,
            );
          }
        }),
      );
      for (let index = 0; index < size; index++) (matrix[index] as Array<number | undefined>)[index] = 0;
      const rates = winRates(matrix, maximum);
      const scores =
        spec.output === "think_rm"
          ? thinkRmAdvantages(matrix)
          : spec.output === "mean_preference"
            ? meanPreferences(matrix)
            : rates;
      return members.map((_, index) => {
        const score = scores[index];
        const compared = (matrix[index] as Array<number | undefined>).filter(
          (value, j) => j !== index && value !== undefined,
        ).length;
        if (score === undefined || compared === 0) return comparisonError(failures[index] as string[]);
        const rate = rates[index] as number;
        const failed = (failures[index] as string[]).length;
        return {
          score,
          reason: `win rate ${rate.toFixed(3)} over ${compared} of ${size - 1} comparisons${disagreement(disagreements[index] as number)}${failed > 0 ? `; ${failed} verdicts failed (${(failures[index] as string[])[0]})` : ""}`,
        };
      });
    }

    async function scoreAnchored(
      sample: Sample,
      context: Context,
      meter: UsageTotals,
    ): Promise<RewardResult> {
      const anchor = typeof sample.meta?.anchor === "string" ? sample.meta.anchor : referenceText(sample);
      if (anchor === undefined || anchor === "") {
        return {
          score: 0,
          error: {
            code: "NOT_APPLICABLE",
            message: "method anchor needs the row's `reference` (or `meta.anchor`) as the anchor response",
          },
        };
      }
      const anchorSample: Sample = { ...sample, completion: anchor };
      const outcome = await preference(sample, anchorSample, { signal: context.signal, meter });
      if (outcome.value === undefined) return comparisonError(outcome.failures);
      // value = P_first(y, anchor) − P_first(anchor, y) with both orders, so (1 + value) / 2 is
      // Pairwise-RL's 0.5 · [P(first | y, anchor) + 1 − P(first | anchor, y)] (see anchoredReward).
      const winProbability = (1 + outcome.value / maximum) / 2;
      return {
        score: winProbability,
        reason: `P(response beats the anchor) = ${winProbability.toFixed(3)}${disagreement(outcome.disagreed ? 1 : 0)}`,
      };
    }

    return perBatch(
      async (batch, context) => {
        const meter = emptyUsage();
        try {
          if (spec.method === "anchor")
            return await Promise.all(batch.map((sample) => scoreAnchored(sample, context, meter)));
          const results = new Array<RewardResult>(batch.length);
          const groups = new Map<string | number, number[]>();
          batch.forEach((sample, index) => {
            if (sample.group === undefined) {
              results[index] = notApplicable(
                `method ${spec.method} compares the samples of a group: this row has no \`group\``,
              );
              return;
            }
            const members = groups.get(sample.group) ?? [];
            members.push(index);
            groups.set(sample.group, members);
          });
          await Promise.all(
            [...groups.values()].map(async (indices) => {
              if (indices.length < 2) {
                results[indices[0] as number] = notApplicable(
                  `method ${spec.method} needs at least two samples in a group; this group has one`,
                );
                return;
              }
              const scored = await scoreGroup(
                indices.map((index) => batch[index] as Sample),
                context,
                meter,
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

function notApplicable(message: string): RewardResult {
  return { score: 0, error: { code: "NOT_APPLICABLE", message } };
}

function comparisonError(failures: readonly string[]): RewardResult {
  const first = failures[0] ?? "no comparison succeeded";
  const code = /^[A-Z_]+: /.test(first) ? (first.split(":")[0] as string) : "PARSE_FAILED";
  return { score: 0, error: { code, message: `no comparison succeeded: ${first}` } };
}

function disagreement(count: number): string {
  return count > 0
    ? `; the two orders disagreed on ${count} pair${count > 1 ? "s" : ""} (position bias)`
    : "";
}
