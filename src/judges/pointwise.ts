import type { Context, RewardResult, Sample } from "../core/index.js";
import { RewardkitError } from "../core/index.js";
import type { ChatContent, JudgeClient } from "./client/judge-client.js";
import type { ChatReply } from "./client/replies.js";
import type { UsageTotals } from "./client/usage.js";
import { injectionIn, isTrivialReply } from "./guards.js";
import { JudgeImages } from "./judge-content.js";
import { mapToUnit, type ParsedScore, parseScore, type ScoreRules } from "./parse-score.js";
import { fillTemplate, referenceForJudge } from "./template.js";
import { delimitNotice, delimitUntrusted, withoutQuotedResponse } from "./untrusted.js";
import { topByMeta, type VotingMethod, vote } from "./voting.js";

/** A chat endpoint with its prompt: what one judge (the judge, its critic, its meta judge) needs. */
export interface JudgeRole {
  client: JudgeClient;
  system: string | undefined;
  template: string;
  sampling: (variant: number) => {
    temperature?: number | undefined;
    maxTokens?: number | undefined;
    seed?: number | undefined;
    variant: number;
  };
}

export interface PointwiseSetup {
  judge: JudgeRole & { rules: ScoreRules };
  samples: number;
  voting: VotingMethod;
  critic?: JudgeRole | undefined;
  meta?: (JudgeRole & { rules: ScoreRules; keep: number }) | undefined;
  /** Completions scored 0 without asking the judge (issue 15 §3). */
  guards?: { trivial: boolean; trivialPhrases: readonly string[]; injection: boolean };
  /** The completion goes between markers it cannot forge, and the judge is told so. */
  delimit?: boolean;
}

export interface Judgment {
  reply: ChatReply | undefined;
  parsed: ParsedScore | { ok: false; code: string; message: string };
}

/**
 * The placeholders every pointwise template may use; `delimit` wraps the completion in markers.
 * Images in the prompt or completion become `[image k]` in the text and are kept in `images`, which
 * `ask` sends as `image_url` parts after the filled template.
 */
export function sampleValues(
  sample: Sample,
  options: {
    principle: string;
    range: readonly [number, number];
    delimit?: boolean;
    images?: JudgeImages;
  },
) {
  const { principle, range, delimit = false, images = new JudgeImages() } = options;
  const prompt = images.text(sample.prompt, "prompt");
  const completion = images.text(sample.completion, "completion");
  return {
    prompt,
    completion: delimit ? delimitUntrusted(completion) : completion,
    reference: referenceForJudge(sample),
    principle,
    lo: String(range[0]),
    hi: String(range[1]),
  };
}

export async function ask(
  role: JudgeRole,
  values: Record<string, string>,
  variant: number,
  call: { signal: AbortSignal; meter: UsageTotals; delimited?: boolean; images?: JudgeImages },
): Promise<ChatReply> {
  const messages: Array<{ role: "system" | "user"; content: ChatContent }> = [];
  const system = call.delimited ? [role.system, delimitNotice].filter(Boolean).join("\n\n") : role.system;
  if (system) messages.push({ role: "system", content: system });
  const content = call.images
    ? call.images.content(role.template, values)
    : fillTemplate(role.template, values);
  messages.push({ role: "user", content });
  return role.client.chat({ messages, ...role.sampling(variant) }, call);
}

/**
 * Scores one sample with k judgments (each optionally preceded by a critique), filters them by a
 * meta judge when one is set, and votes. Judgments that fail are left out of the vote and named in
 * the reason; when none succeeds the first failure is the result's error, with its reply as reason.
 */
export async function judgePointwise(
  setup: PointwiseSetup,
  sample: Sample,
  principle: string,
  call: { context: Context; meter: UsageTotals },
): Promise<RewardResult> {
  const { context, meter } = call;
  const refusal = guardRefusal(setup, sample);
  if (refusal !== undefined) return { score: 0, reason: `refused without asking the judge: ${refusal}` };
  const range = setup.judge.rules.range;
  const delimited = setup.delimit === true;
  const images = new JudgeImages();
  const values = sampleValues(sample, { principle, range, delimit: delimited, images });
  const request = { signal: context.signal, meter, delimited, images };
  const read = (reply: ChatReply, rules: ScoreRules) =>
    parseScore(delimited ? { ...reply, text: withoutQuotedResponse(reply.text) } : reply, rules);
  const judgments = await Promise.all(
    Array.from({ length: setup.samples }, async (_, variant): Promise<Judgment> => {
      let critique: string | undefined;
      if (setup.critic) critique = (await ask(setup.critic, values, variant, request)).text;
      const reply = await ask(
        setup.judge,
        critique === undefined ? values : { ...values, critique },
        variant,
        request,
      );
      return { reply, parsed: read(reply, setup.judge.rules) };
    }).map((pending) =>
      pending.catch((error: unknown): Judgment => {
        const typed = RewardkitError.isInstance(error)
          ? error
          : new RewardkitError("NODE_FAILED", String(error));
        // The judgment's own deadline (timeout_ms) or the caller gave up: the sample fails as a whole.
        if (context.signal.aborted) throw typed;
        return { reply: undefined, parsed: { ok: false, code: typed.code, message: typed.message } };
      }),
    ),
  );
  const valid = judgments.filter((judgment) => judgment.parsed.ok);
  if (valid.length === 0) {
    const first = judgments[0] as Judgment;
    const failure = first.parsed as { code: string; message: string };
    const result: RewardResult = { score: 0, error: { code: failure.code, message: failure.message } };
    if (first.reply) result.reason = first.reply.text;
    return result;
  }
  let kept = valid;
  let metaNote = "";
  if (setup.meta && valid.length > 1) {
    const meta = setup.meta;
    const ratings = await Promise.all(
      valid.map(async (judgment, index) => {
        const reply = await ask(meta, { ...values, judgment: judgment.reply?.text ?? "" }, index, request);
        const parsed = read(reply, meta.rules);
        // An unreadable meta rating ranks the judgment last rather than failing the sample.
        return parsed.ok ? parsed.raw : Number.NEGATIVE_INFINITY;
      }),
    );
    const keep = topByMeta(ratings, meta.keep);
    kept = keep.map((index) => valid[index] as Judgment);
    metaNote = `; meta judge kept ${kept.length} of ${valid.length} (ratings ${ratings.map(formatNumber).join(", ")})`;
  }
  const raws = kept.map((judgment) => (judgment.parsed as { raw: number }).raw);
  const score =
    setup.voting === "sum"
      ? raws.reduce((sum, raw) => sum + mapToUnit(raw, range), 0)
      : mapToUnit(vote(raws, setup.voting), range);
  const firstReply = (kept[0] as Judgment).reply?.text ?? "";
  if (setup.samples === 1) return { score, reason: firstReply };
  const failed = judgments.length - valid.length;
  const failures =
    failed > 0 ? `; ${failed} of ${judgments.length} judgments failed (${firstFailure(judgments)})` : "";
  return {
    score,
    reason: `scores ${raws.map(formatNumber).join(", ")} (${setup.voting})${metaNote}${failures}\n\n${firstReply}`,
  };
}

/**
 * Why a completion is scored 0 before any judge sees it: it says nothing (a "master key", One Token
 * to Fool LLM-as-a-Judge) or it attacks the judge (its own verdict line, text addressing the grader).
 */
function guardRefusal(setup: PointwiseSetup, sample: Sample): string | undefined {
  const guards = setup.guards;
  if (!guards) return undefined;
  const text = new JudgeImages().text(sample.completion, "completion");
  if (guards.trivial && isTrivialReply(text, guards.trivialPhrases)) {
    return `the completion has no content (${JSON.stringify(text.slice(0, 40))}: punctuation or a reasoning opener alone, a "master key"; refuse_trivial: false to ask anyway)`;
  }
  if (guards.injection) {
    const why = injectionIn(text, setup.judge.rules.pattern);
    if (why !== undefined) return `prompt injection: ${why} (refuse_injection: false to ask anyway)`;
  }
  return undefined;
}

function firstFailure(judgments: readonly Judgment[]): string {
  const failed = judgments.find((judgment) => !judgment.parsed.ok);
  return failed && !failed.parsed.ok ? `${failed.parsed.code}: ${failed.parsed.message}` : "";
}

function formatNumber(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 1000) / 1000) : "none";
}
