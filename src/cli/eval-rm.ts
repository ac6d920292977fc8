import type { Command } from "commander";
import { RewardkitError } from "../core/index.js";
import {
  loadOnnxRewardModel,
  loadRewardModel,
  RemoteRewardModel,
  scorerOf,
  type TextPair,
  type TextRewardScorer,
} from "../models/index.js";
import { type Evaluation, evaluatePreferences, type PreferencePair } from "../preference/index.js";
import { exitCodes, reportFailure } from "./exit.js";
import { readPairsFile, reportProblems } from "./preference-input.js";

interface EvalFlags {
  model: string;
  data: string;
  by?: string;
  format?: string;
  member?: string;
  template: string;
  json?: boolean;
}

export function registerEvalRm(program: Command): void {
  program
    .command("eval-rm")
    .description(
      "Evaluate a reward model on preference pairs: accuracy (overall, by group, RewardBench sections), calibration, length bias, ensemble agreement.",
    )
    .requiredOption(
      "--model <model>",
      "a train-rm model file, an .onnx sequence-classification model, or an http(s) URL of a remote RM",
    )
    .requiredOption("--data <file>", "pairs to evaluate on (same formats as train-rm)")
    .option("--by <field>", "also report accuracy grouped by this row field (e.g. scenario, subset, dataset)")
    .option("--format <name>", "input format (default: detected per row)")
    .option("--member <k>", "evaluate one ensemble member instead of the mean")
    .option("--template <text>", "how ONNX and remote models see prompt and response", "{prompt}{response}")
    .option("--json", "print one JSON object with the figures on stdout")
    .addHelpText(
      "after",
      "\nExample:\n  rewardkit eval-rm --model rm.rkrm --data test.jsonl --by scenario\n  rewardkit eval-rm --model http://127.0.0.1:5000/get_reward --data pairs.jsonl --json\n",
    )
    .action(async (flags: EvalFlags) => {
      process.exitCode = await evalRm(flags);
    });
}

async function openScorer(model: string, template: string): Promise<TextRewardScorer> {
  if (/^https?:\/\//.test(model)) return new RemoteRewardModel({ url: model, template });
  if (model.endsWith(".onnx")) return loadOnnxRewardModel(model, { template });
  return scorerOf(await loadRewardModel(model));
}

async function evalRm(flags: EvalFlags): Promise<number> {
  let scorer: TextRewardScorer | undefined;
  try {
    const member = flags.member === undefined ? undefined : Number(flags.member);
    if (member !== undefined && !(Number.isInteger(member) && member >= 0)) {
      throw new RewardkitError(
        "BAD_REQUEST",
        `--member: expected a non-negative integer, got "${flags.member}"`,
      );
    }
    scorer = await openScorer(flags.model, flags.template);
    if (member !== undefined && member >= scorer.members) {
      throw new RewardkitError(
        "BAD_REQUEST",
        `--member ${member}: the model has ${scorer.members} member(s)`,
      );
    }
    const read = await readPairsFile(flags.data, flags.format);
    reportProblems(flags.data, read, process.stderr);
    const pairs = read.pairs;
    if (pairs.length === 0)
      throw new RewardkitError("INPUT_INVALID", `${flags.data}: no usable preference pairs`, {
        path: flags.data,
      });
    const texts: TextPair[] = [];
    for (const pair of pairs)
      texts.push(
        { prompt: pair.prompt, response: pair.chosen },
        { prompt: pair.prompt, response: pair.rejected },
      );
    const started = performance.now();
    const scores = await scorer.scoreTexts(texts, { member });
    const seconds = (performance.now() - started) / 1000;
    const members =
      member === undefined && scorer.members > 1 && scorer.memberScoreTexts
        ? (await scorer.memberScoreTexts(texts)).map((each) => split(each))
        : undefined;
    const { chosen, rejected } = split(scores);
    const evaluation = evaluatePreferences({ pairs, chosen, rejected, by: flags.by, members });
    if (flags.json) {
      process.stdout.write(
        `${JSON.stringify({ ...evaluation, skipped: read.problems.length, score_seconds: seconds })}\n`,
      );
    } else {
      process.stdout.write(formatEvaluation(flags.data, evaluation, pairs));
    }
    return exitCodes.ok;
  } catch (error) {
    return reportFailure(error);
  } finally {
    await scorer?.close?.();
  }
}

function split(scores: ArrayLike<number>): { chosen: Float64Array; rejected: Float64Array } {
  const n = scores.length / 2;
  const chosen = new Float64Array(n);
  const rejected = new Float64Array(n);
  for (let index = 0; index < n; index++) {
    chosen[index] = scores[2 * index] as number;
    rejected[index] = scores[2 * index + 1] as number;
  }
  return { chosen, rejected };
}

const percent = (value: number | undefined) => (value === undefined ? "—" : `${(100 * value).toFixed(2)}%`);
const interval = (range: readonly [number, number] | undefined) =>
  range === undefined ? "—" : `${(100 * range[0]).toFixed(1)}–${(100 * range[1]).toFixed(1)}%`;

/** The evaluation as a readable table. */
export function formatEvaluation(
  label: string,
  evaluation: Evaluation,
  _pairs: readonly PreferencePair[],
): string {
  const lines = [
    `${label}`,
    `  pairs                      ${evaluation.n}`,
    `  accuracy                   ${percent(evaluation.accuracy)}  (95% CI ${interval(evaluation.accuracy_ci)}; ties: ${evaluation.ties})`,
    `  mean margin                ${evaluation.meanMargin.toFixed(4)}`,
    `  calibration (ECE)          ${evaluation.ece.toFixed(4)}`,
    `  length: corr(reward, len)  ${evaluation.lengthBias.correlation?.toFixed(4) ?? "—"}`,
    `  length: prefers longer     ${percent(evaluation.lengthBias.prefersLonger)}`,
    `  accuracy, chosen longer    ${percent(evaluation.lengthBias.accuracyChosenLonger)}`,
    `  accuracy, rejected longer  ${percent(evaluation.lengthBias.accuracyRejectedLonger)}  (${evaluation.lengthBias.pairsRejectedLonger} pairs)`,
  ];
  if (evaluation.agreement) {
    const agreement = evaluation.agreement;
    lines.push(
      `  ensemble members           ${agreement.members}`,
      `  unanimous pairs            ${percent(agreement.unanimous)}`,
      `  pairwise agreement         ${percent(agreement.pairwiseAgreement)}`,
      `  mean std of margins        ${agreement.meanDeltaStd.toFixed(4)}`,
    );
  }
  if (evaluation.sections) {
    lines.push("", "  RewardBench section           score");
    for (const section of evaluation.sections.sections)
      lines.push(`  ${section.section.padEnd(28)} ${percent(section.score)}`);
    lines.push(`  ${"overall (mean)".padEnd(28)} ${percent(evaluation.sections.overall)}`);
  }
  if (evaluation.by) {
    const width = Math.min(40, Math.max(8, ...evaluation.by.groups.map((group) => group.group.length)));
    lines.push("", `  ${evaluation.by.field.padEnd(width)}      n  accuracy  95% CI`);
    for (const group of evaluation.by.groups) {
      lines.push(
        `  ${group.group.slice(0, width).padEnd(width)} ${String(group.n).padStart(6)}  ${percent(group.accuracy).padStart(8)}  ${interval(group.accuracy_ci)}`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}
