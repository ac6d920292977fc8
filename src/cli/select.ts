import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { RewardkitError } from "../core/index.js";
import { runVerdict } from "../engine/index.js";
import { checkOutputFiles } from "../io/index.js";
import { exitCodes, parseFraction, parseNumberFlag, reportFailure } from "./exit.js";
import { runGlobalTopK } from "./select-global.js";
import { parseDirection, type SelectBy } from "./select-rows.js";
import { type RunSelectSummary, runSelect, type SelectMethod } from "./select-run.js";

interface SelectFlags {
  method?: string;
  input: string;
  output: string;
  k?: string;
  threshold?: string;
  minMargin?: string;
  by: string;
  direction?: string;
  unit?: boolean;
  group: string;
  pairing: string;
  preference: string;
  referenceField?: string;
  referenceFlag?: string;
  scope: string;
  temperature?: string;
  seed: string;
  format: string;
  includeErrored?: boolean;
  batchSize: string;
  maxErrorFraction: string;
  summaryJson?: string;
}

const methods = ["best_of_n", "top_k", "pairs", "rejection"] as const;

const help = `
Methods:
  best_of_n  one row per group: the highest --by (best-of-n; RAFT with k = 1)
  top_k      the --k highest per group (RAFT); --scope global keeps the k × groups best of the
             whole file; --temperature T draws k per group ∝ exp(value / T) (LMFlow's stochastic RAFT)
  rejection  every row at or above --threshold
  pairs      {"prompt", "chosen", "rejected", "margin", "group"} rows (TRL's preference format) for
             pairs whose margin is at least --min-margin (default: strictly above 0); DNO's filter:
             --pairing best_worst (one pair a group), --reference-flag / --reference-field (the chosen
             must score at least the group's reference answer), --preference win_rate

Rows with a scoring \`error\` are never selected (--include-errored to allow them). Groups are gathered
whole whatever the input order; the output is in input order (pairs: in the order of their groups).
--format trl writes {"prompt", "completion"} rows for TRL's SFTTrainer (a text answer to a chat prompt
becomes an assistant message); pairs are always in TRL's format (docs/select.md: loading in TRL and OpenRLHF).

Exit codes: 0 done, 2 bad usage (nothing is written), 3 nothing usable or nothing selected (the output
is still written, empty), 1 an internal failure.

Examples:
  rewardkit select --method best_of_n --input scored.jsonl --output best.jsonl
  rewardkit select --method top_k --k 2 --input scored.jsonl --format trl --output sft.jsonl
  rewardkit select --method pairs --min-margin 0.5 --input scored.jsonl --output dpo.jsonl
  rewardkit select --method rejection --threshold 1 --by components.correct --input scored.parquet
  rewardkit select --method best_of_n --direction helpfulness=0.97,verbosity=-0.26 --input scored.jsonl
`;

export function registerSelect(program: Command): void {
  program
    .command("select")
    .description(
      "Choose among scored candidates: best-of-n, RAFT's top-k, rejection by threshold, or DPO pairs (TRL's format, DNO's margin filter).",
    )
    .option("--method <name>", `one of ${methods.join(", ")}`)
    .option("--input <file|->", "scored rows (JSONL, JSONL.gz or Parquet), or - for stdin", "-")
    .option(
      "--output <file|->",
      "where the selection goes (.parquet writes Parquet, .gz gzipped JSONL), or - for stdout; never the input file",
      "-",
    )
    .option("--k <n>", "top_k: rows kept per group (with --scope global: k × groups over the file)")
    .option("--threshold <x>", "rejection: keep rows whose --by value is at least this")
    .option(
      "--min-margin <m>",
      "pairs: keep pairs whose margin is at least this (default: any margin above 0)",
    )
    .option("--by <path>", "the field rows are ranked by (dot path)", "reward")
    .option(
      "--direction <weights>",
      "rank by Σ weight × components[name] instead (DPA's vᵀr), e.g. helpfulness=0.97,verbosity=-0.26",
    )
    .option("--unit", "scale --direction to unit length (DPA's ‖v‖ = 1)")
    .option("--group <path>", "the field that groups a prompt's candidates (dot path)", "group")
    .option("--pairing <how>", "pairs: best_worst (DNO), best_vs_rest or all", "best_worst")
    .option(
      "--preference <scale>",
      "pairs: reward (margins in --by units) or win_rate (each row's win rate within its group)",
      "reward",
    )
    .option(
      "--reference-field <path>",
      "pairs: a number on the rows, the reference answer's score the chosen must reach",
    )
    .option(
      "--reference-flag <path>",
      "pairs: rows where this field is true are the group's reference (teacher) answer; the chosen must score at least it",
    )
    .option("--scope <scope>", "top_k: group (per group) or global (the whole file)", "group")
    .option("--temperature <t>", "top_k: draw k per group with probability ∝ exp(value / t)")
    .option("--seed <n>", "the seed of --temperature draws", "1")
    .option("--format <format>", "best_of_n, top_k, rejection: rows (as they came in) or trl", "rows")
    .option("--include-errored", "rows with a scoring error may be selected")
    .option(
      "--batch-size <n>",
      "rows per batch; a group is never split, whatever the input order (shuffled rows are gathered through a temporary file)",
      "512",
    )
    .option(
      "--max-error-fraction <f>",
      "exit 3 when more than this fraction of rows is unusable or carries a scoring error (default 1: only when every row failed)",
      "1",
    )
    .option("--summary-json <file>", "also write the summary as JSON")
    .addHelpText("after", help)
    .action(async (flags: SelectFlags) => {
      process.exitCode = await select(flags);
    });
}

function choice<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new RewardkitError("BAD_REQUEST", `${flag}: expected one of ${allowed.join(", ")}, got "${value}"`);
}

function positiveInteger(text: string, flag: string): number {
  const value = parseNumberFlag(text, flag);
  if (!Number.isInteger(value) || value < 1) {
    throw new RewardkitError("BAD_REQUEST", `${flag}: expected a positive integer, got "${text}"`);
  }
  return value;
}

function fixed(value: number): string {
  return Number.isFinite(value) ? value.toFixed(4) : "n/a";
}

async function select(flags: SelectFlags): Promise<number> {
  const started = performance.now();
  let badShown = 0;
  try {
    if (flags.method === undefined) {
      throw new RewardkitError("BAD_REQUEST", `name a method with --method (${methods.join(", ")})`);
    }
    const method = choice<SelectMethod>(flags.method, methods, "--method");
    const scope = choice(flags.scope, ["group", "global"] as const, "--scope");
    if (method === "top_k" && flags.k === undefined) {
      throw new RewardkitError("BAD_REQUEST", "--method top_k needs --k N");
    }
    if (method === "rejection" && flags.threshold === undefined) {
      throw new RewardkitError("BAD_REQUEST", "--method rejection needs --threshold X");
    }
    if (scope === "global" && (method !== "top_k" || flags.temperature !== undefined)) {
      throw new RewardkitError(
        "BAD_REQUEST",
        "--scope global goes with --method top_k (without --temperature)",
      );
    }
    let by: SelectBy = { kind: "field", path: flags.by };
    if (flags.direction !== undefined) {
      const weights = parseDirection(flags.direction, flags.unit ?? false);
      if (typeof weights === "string") throw new RewardkitError("BAD_REQUEST", `--direction: ${weights}`);
      by = { kind: "direction", weights };
    }
    const temperature =
      flags.temperature === undefined ? undefined : parseNumberFlag(flags.temperature, "--temperature");
    if (temperature !== undefined && !(temperature > 0)) {
      throw new RewardkitError(
        "BAD_REQUEST",
        `--temperature: expected a number above 0, got "${flags.temperature}"`,
      );
    }
    const options = {
      method,
      input: flags.input,
      output: flags.output,
      batchSize: positiveInteger(flags.batchSize, "--batch-size"),
      by,
      groupField: flags.group,
      k: method === "top_k" ? positiveInteger(flags.k as string, "--k") : 1,
      threshold: flags.threshold === undefined ? undefined : parseNumberFlag(flags.threshold, "--threshold"),
      minMargin: flags.minMargin === undefined ? undefined : parseNumberFlag(flags.minMargin, "--min-margin"),
      pairing: choice(flags.pairing, ["best_worst", "best_vs_rest", "all"] as const, "--pairing"),
      preference: choice(flags.preference, ["reward", "win_rate"] as const, "--preference"),
      referenceField: flags.referenceField,
      referenceFlag: flags.referenceFlag,
      temperature,
      seed: parseNumberFlag(flags.seed, "--seed"),
      format: choice(flags.format, ["rows", "trl"] as const, "--format"),
      includeErrored: flags.includeErrored ?? false,
      onBadRow(where: string, message: string) {
        if (badShown++ < 20) process.stderr.write(`rewardkit: ${where}: skipped: ${message}\n`);
      },
    };
    const maxErrorFraction = parseFraction(flags.maxErrorFraction, "--max-error-fraction");
    await checkOutputFiles({
      inputs: [{ flag: "--input", path: flags.input }],
      outputs: [
        { flag: "--output", path: flags.output },
        { flag: "--summary-json", path: flags.summaryJson },
      ],
    });
    const summary: RunSelectSummary =
      scope === "global" ? await runGlobalTopK(options) : await runSelect(options);
    if (badShown > 20) process.stderr.write(`rewardkit: ... and ${badShown - 20} more skipped rows\n`);
    if (summary.how === "gathered") {
      process.stderr.write(
        "rewardkit: the rows were not sorted by group; they were gathered by group (output in input order)\n",
      );
    }
    if (summary.ungroupedRows > 0 && method !== "rejection") {
      const more = summary.ungroupedRows - summary.ungroupedExamples.length;
      process.stderr.write(
        `rewardkit: ${summary.ungroupedRows} row${summary.ungroupedRows === 1 ? "" : "s"} without a ${flags.group} (each is a group of one${method === "pairs" ? ", so it pairs with nothing" : ""})${summary.ungroupedExamples.length > 0 ? `: ${summary.ungroupedExamples.join(", ")}` : ""}${more > 0 ? `, and ${more} more` : ""}\n`,
      );
    }
    if (summary.mixedPromptGroups > 0) {
      process.stderr.write(
        `rewardkit: warning: ${summary.mixedPromptGroups} group${summary.mixedPromptGroups === 1 ? " holds" : "s hold"} rows with different prompts; each pair takes its chosen row's prompt (check --group)\n`,
      );
    }
    if (summary.erroredRows > 0 && !options.includeErrored) {
      process.stderr.write(
        `rewardkit: ${summary.erroredRows} of ${summary.rows} rows carry a scoring error and were not selected (--include-errored to allow them)\n`,
      );
    }
    const unit = method === "pairs" ? "pairs" : "rows";
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const what = by.kind === "direction" ? "direction score" : flags.by;
    const detail =
      method === "pairs"
        ? `mean margin ${fixed(summary.marginMean)}`
        : `mean ${what}: selected ${fixed(summary.selectedValueMean)}, all ${fixed(summary.valueMean)}`;
    process.stderr.write(
      `select (${method}): ${summary.rows} rows in ${summary.groups} groups read in ${seconds}s; ${summary.selected} ${unit} written (${detail}); ${summary.badRows} row${summary.badRows === 1 ? "" : "s"} skipped\n`,
    );
    let verdict = runVerdict({
      read: summary.rows + summary.badRows,
      unreadable: summary.badRows,
      errored: options.includeErrored ? 0 : summary.erroredRows,
      maxErrorFraction,
    });
    if (verdict.usable && summary.selected === 0) {
      verdict = {
        usable: false,
        reason: `nothing was selected from ${summary.rows} usable rows${method === "pairs" ? " (no pair met the margin and reference filters)" : method === "rejection" ? ` (none at or above --threshold ${options.threshold})` : ""}`,
      };
    }
    if (!verdict.usable) process.stderr.write(`rewardkit: nothing usable (exit 3): ${verdict.reason}\n`);
    if (flags.summaryJson) {
      const json = {
        method,
        rows: summary.rows,
        skipped_rows: summary.badRows,
        errored_rows: summary.erroredRows,
        groups: summary.groups,
        ungrouped_rows: summary.ungroupedRows,
        selected: summary.selected,
        value_mean: Number.isFinite(summary.valueMean) ? summary.valueMean : null,
        selected_value_mean: Number.isFinite(summary.selectedValueMean) ? summary.selectedValueMean : null,
        margin_mean: Number.isFinite(summary.marginMean) ? summary.marginMean : null,
        ...(verdict.usable ? {} : { unusable: verdict.reason }),
      };
      await writeFile(flags.summaryJson, `${JSON.stringify(json, null, 2)}\n`);
    }
    return verdict.usable ? exitCodes.ok : exitCodes.unusable;
  } catch (error) {
    return reportFailure(error);
  }
}
