import { conversationText, finalResponse, isMessageList, type PairProblem } from "../pair.js";
import { isTranscript, splitTranscript } from "./hh-rlhf.js";

/** What one row gives: pairs (without location), or problems. */
export interface RowPairs {
  pairs: Array<{
    prompt: string;
    chosen: string;
    rejected: string;
    target?: number;
    margin?: number;
    user?: string;
  }>;
  problems: Array<Omit<PairProblem, "where">>;
}

const none = (): RowPairs => ({ pairs: [], problems: [] });
const invalid = (message: string): RowPairs => ({ pairs: [], problems: [{ kind: "invalid", message }] });
const setAside = (kind: PairProblem["kind"], message: string): RowPairs => ({
  pairs: [],
  problems: [{ kind, message }],
});

function optionalNumber(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function userOf(row: Record<string, unknown>): string | undefined {
  const user = row.user ?? row.user_id ?? row.worker_id;
  return typeof user === "string" || typeof user === "number" ? String(user) : undefined;
}

/**
 * `{prompt?, chosen, rejected}`: strings, chat message lists (UltraFeedback: each side the whole
 * conversation, the prompt being the shared messages), or HH-RLHF transcripts (split into the
 * shared conversation and the final Assistant turns). Optional `margin`, `target`, `user`.
 */
export function chosenRejectedPair(row: Record<string, unknown>): RowPairs {
  const { chosen, rejected } = row;
  if (chosen === undefined || chosen === null) return invalid("missing field `chosen`");
  if (rejected === undefined || rejected === null) return invalid("missing field `rejected`");
  let prompt: string;
  let chosenText: string;
  let rejectedText: string;
  if (typeof chosen === "string" && typeof rejected === "string") {
    if (row.prompt === undefined && isTranscript(chosen)) {
      const chosenSplit = splitTranscript(chosen);
      prompt = chosenSplit.prompt;
      chosenText = chosenSplit.response;
      rejectedText = splitTranscript(rejected).response;
    } else {
      prompt = promptText(row.prompt);
      chosenText = chosen;
      rejectedText = rejected;
    }
  } else if (isMessageList(chosen) && isMessageList(rejected)) {
    if (row.prompt !== undefined) {
      prompt = promptText(row.prompt);
    } else {
      let shared = 0;
      while (
        shared < chosen.length - 1 &&
        shared < rejected.length - 1 &&
        JSON.stringify(chosen[shared]) === JSON.stringify(rejected[shared])
      ) {
        shared++;
      }
      prompt = conversationText(chosen.slice(0, shared));
    }
    chosenText = finalResponse(chosen);
    rejectedText = finalResponse(rejected);
  } else {
    return invalid("`chosen` and `rejected` must both be strings or both be message lists");
  }
  return checked(prompt, chosenText, rejectedText, {
    target: optionalNumber(row.target),
    margin: optionalNumber(row.margin),
    user: userOf(row),
  });
}

function promptText(prompt: unknown): string {
  if (prompt === undefined || prompt === null) return "";
  if (typeof prompt === "string") return prompt;
  if (isMessageList(prompt)) return conversationText(prompt);
  return JSON.stringify(prompt);
}

/**
 * Sets aside identical sides; keeps optional fields that are present. An empty response is a real
 * answer (in HH-RLHF an empty assistant turn is often the harmless choice) and is kept.
 */
export function checked(
  prompt: string,
  chosen: string,
  rejected: string,
  extra: { target?: number | undefined; margin?: number | undefined; user?: string | undefined } = {},
): RowPairs {
  if (chosen === rejected) return setAside("identical", "chosen and rejected are identical");
  const pair: RowPairs["pairs"][number] = { prompt, chosen, rejected };
  if (extra.target !== undefined) pair.target = extra.target;
  if (extra.margin !== undefined) pair.margin = extra.margin;
  if (extra.user !== undefined) pair.user = extra.user;
  return { pairs: [pair], problems: [] };
}

function requireStrings(row: Record<string, unknown>, fields: readonly string[]): string | undefined {
  for (const field of fields) {
    if (typeof row[field] !== "string")
      return row[field] === undefined ? `missing field \`${field}\`` : `\`${field}\` is not a string`;
  }
  return undefined;
}

/** Auto-J pairwise test data: `label` 0 = response 1, 1 = response 2, 2 = tie (0-based). */
export function autoJPair(row: Record<string, unknown>): RowPairs {
  const missing = requireStrings(row, ["prompt", "response 1", "response 2"]);
  if (missing) return invalid(missing);
  const first = row["response 1"] as string;
  const second = row["response 2"] as string;
  switch (row.label) {
    case 0:
      return checked(row.prompt as string, first, second);
    case 1:
      return checked(row.prompt as string, second, first);
    case 2:
      return setAside("tie", "labelled a tie");
    default:
      return invalid(`\`label\` must be 0, 1 or 2, got ${JSON.stringify(row.label)}`);
  }
}

/** PandaLM: three annotators (1 = response1, 2 = response2, 0 = tie); the majority decides. */
export function pandaLmPair(row: Record<string, unknown>): RowPairs {
  const missing = requireStrings(row, ["instruction", "response1", "response2"]);
  if (missing) return invalid(missing);
  const votes = [row.annotator1, row.annotator2, row.annotator3].filter((vote) => vote !== undefined);
  if (votes.length === 0) return invalid("missing fields `annotator1..3`");
  const count = (label: number) => votes.filter((vote) => vote === label).length;
  const first = count(1);
  const second = count(2);
  const ties = count(0);
  const input = typeof row.input === "string" && row.input.trim() !== "" ? `\n\n${row.input}` : "";
  const prompt = `${row.instruction as string}${input}`;
  const majority = votes.length / 2;
  if (first > majority)
    return checked(prompt, row.response1 as string, row.response2 as string, {
      target: first / votes.length,
    });
  if (second > majority)
    return checked(prompt, row.response2 as string, row.response1 as string, {
      target: second / votes.length,
    });
  return setAside("tie", ties > majority ? "annotators' majority says tie" : "no majority among annotators");
}

/**
 * AlpacaEval annotations: `preference` 1 = output_1, 2 = output_2 (also as 1.0 / 2.0); 0 or 1.5
 * mark identical outputs (never judged); null is a failed annotation.
 */
export function alpacaEvalPair(row: Record<string, unknown>): RowPairs {
  const missing = requireStrings(row, ["instruction", "output_1", "output_2"]);
  if (missing) return invalid(missing);
  const preference = row.preference;
  const prompt = row.instruction as string;
  if (preference === null || preference === undefined)
    return setAside("failed", "annotation failed (preference is null)");
  if (preference === 1) return checked(prompt, row.output_1 as string, row.output_2 as string);
  if (preference === 2) return checked(prompt, row.output_2 as string, row.output_1 as string);
  if (preference === 0 || preference === 1.5)
    return setAside("identical", "outputs are identical (not judged)");
  if (typeof preference === "number" && preference > 1 && preference < 2) {
    // Weighted annotators give a continuous preference: P(output_2 better) = preference − 1.
    const second = preference - 1;
    return second >= 0.5
      ? checked(prompt, row.output_2 as string, row.output_1 as string, { target: second })
      : checked(prompt, row.output_1 as string, row.output_2 as string, { target: 1 - second });
  }
  return invalid(`\`preference\` must be 1, 2, 0, 1.5 or null, got ${JSON.stringify(preference)}`);
}

/**
 * GSM8K `example_model_solutions`: every correct solution of a question against every incorrect
 * one (a question whose solutions all agree gives no pair).
 */
export function gsm8kSolutionPairs(row: Record<string, unknown>): RowPairs {
  if (typeof row.question !== "string") return invalid("missing field `question`");
  const correct: string[] = [];
  const incorrect: string[] = [];
  for (const value of Object.values(row)) {
    if (typeof value !== "object" || value === null) continue;
    const { is_correct: isCorrect, solution } = value as { is_correct?: unknown; solution?: unknown };
    if (typeof isCorrect !== "boolean" || typeof solution !== "string" || solution.trim() === "") continue;
    (isCorrect ? correct : incorrect).push(solution);
  }
  const out = none();
  for (const good of correct) {
    for (const bad of incorrect) {
      const result = checked(row.question, good, bad);
      out.pairs.push(...result.pairs);
    }
  }
  return out;
}
