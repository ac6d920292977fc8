import type { Command } from "commander";
import { builtinEstimators, type GroupSummary } from "../advantage/index.js";
import { compileAdvantage, RewardkitError, readSpecFile } from "../core/index.js";
import { runVerdict } from "../engine/index.js";
import { checkOutputFiles } from "../io/index.js";
import { fixed, formatDiagnostics, formatGroups } from "./advantages-format.js";
import { runAdvantages } from "./advantages-run.js";
import { exitCodes, parseFraction, reportFailure } from "./exit.js";
import { applyOptionFlag } from "./option-flags.js";

interface AdvantagesFlags {
  estimator?: string;
  spec?: string;
  option: string[];
  input: string;
  output: string;
  batchSize: string;
  groupField: string;
  rewardField: string;
  correctAt: string;
  wrongAt?: string;
  maxErrorFraction: string;
  groups?: boolean;
  groupsJson?: string;
  summaryJson?: string;
}

const example = `
Estimator options are the fields of a spec's \`advantage\` section (docs/spec.md); values are YAML.

Examples:
  rewardkit advantages --estimator grpo --input scored.jsonl --output advantages.jsonl
  rewardkit advantages --estimator grpo --option preset=trl --option scale=batch --input scored.jsonl
  rewardkit advantages --estimator grpo --option aggregation=normalize_then_sum \\
      --option 'objectives={format: 0.2, correct: 1}' --input scored.jsonl
  rewardkit advantages --estimator rloo --option filter.type=zero_std --groups < scored.jsonl
  rewardkit advantages --spec spec.yaml --input scored.jsonl      # uses the spec's advantage section

Exit codes: 0 done, 2 bad usage (nothing is written), 3 nothing usable (no row read, or every
row unusable or carrying a scoring error, or more than --max-error-fraction of them; the output
is still written), 1 an internal failure.

Estimators: ${Object.keys(builtinEstimators).sort().join(", ")}
Reconstructed formulas (adaptive_mode, brpo, grpo_s, pairwise) run only with --option reconstructed=true.
`;

export function registerAdvantages(program: Command): void {
  program
    .command("advantages")
    .description(
      "Turn scored rows (with reward, group, and optionally components, steps, meta) into advantages; print diagnostics (zero-std, all-correct/all-wrong groups, advantage mean/std) to stderr.",
    )
    .option(
      "--estimator <name>",
      "the advantage estimator (grpo, dr_grpo, rloo, reinforce_pp, gigpo, spa, ...)",
    )
    .option("--spec <file>", "take the estimator and its options from this spec's `advantage` section")
    .option(
      "--option <key=value>",
      "set an estimator option (repeatable; dotted keys for nested fields, e.g. filter.type=zero_std)",
      (value: string, previous: string[]) => [...previous, value],
      [],
    )
    .option("--input <file|->", "scored rows (JSONL, JSONL.gz or Parquet), or - for stdin", "-")
    .option(
      "--output <file|->",
      "where rows go with `advantage` added (.parquet writes Parquet, .gz gzipped JSONL), or - for stdout; never the input file",
      "-",
    )
    .option(
      "--batch-size <n>",
      "rows per batch; a group is never split, whatever the input order (shuffled rows are gathered by group through a temporary file); batch-level statistics are per batch",
      "512",
    )
    .option("--group-field <path>", "the column that groups samples of one prompt (dot path)", "group")
    .option("--reward-field <path>", "the column holding the reward (dot path)", "reward")
    .option("--correct-at <x>", "rewards at or above this count as correct in the diagnostics", "1")
    .option(
      "--wrong-at <x>",
      "rewards at or below this count as wrong in the diagnostics (default: below --correct-at)",
    )
    .option(
      "--max-error-fraction <f>",
      "exit 3 when more than this fraction of rows is unusable or carries a scoring error (default 1: only when every row failed)",
      "1",
    )
    .option("--groups", "also print one line per group to stderr")
    .option(
      "--groups-json <file>",
      "write one JSON line per group (size, reward mean/std, advantage range, flags)",
    )
    .option("--summary-json <file>", "also write the diagnostics as JSON")
    .addHelpText("after", example)
    .action(async (flags: AdvantagesFlags) => {
      process.exitCode = await advantages(flags);
    });
}

/** Builds the `advantage` section from --spec, --estimator and --option. */
async function estimatorSpec(flags: AdvantagesFlags): Promise<Record<string, unknown>> {
  let section: Record<string, unknown> = {};
  if (flags.spec) {
    const spec = (await readSpecFile(flags.spec)) as { advantage?: unknown } | null;
    const found = spec?.advantage;
    if (typeof found !== "object" || found === null || Array.isArray(found)) {
      throw new RewardkitError("SPEC_INVALID", "the spec has no `advantage` section", { path: flags.spec });
    }
    section = structuredClone(found) as Record<string, unknown>;
  }
  if (flags.estimator) {
    if (section.type !== undefined && section.type !== flags.estimator) {
      throw new RewardkitError(
        "BAD_REQUEST",
        `--estimator ${flags.estimator} disagrees with the spec's advantage type ${JSON.stringify(section.type)}`,
      );
    }
    section.type = flags.estimator;
  }
  if (section.type === undefined) {
    throw new RewardkitError(
      "BAD_REQUEST",
      "name an estimator with --estimator NAME (or give --spec with an advantage section)",
    );
  }
  for (const option of flags.option) applyOptionFlag(section, option, "epsilon=1e-4");
  return section;
}

function parseNumber(text: string, flag: string, integer: boolean): number {
  const value = Number(text);
  if (!Number.isFinite(value) || (integer && (!Number.isInteger(value) || value < 1))) {
    throw new RewardkitError(
      "BAD_REQUEST",
      `${flag}: expected ${integer ? "a positive integer" : "a number"}, got "${text}"`,
    );
  }
  return value;
}

async function advantages(flags: AdvantagesFlags): Promise<number> {
  const started = performance.now();
  try {
    const batchSize = parseNumber(flags.batchSize, "--batch-size", true);
    const correctAt = parseNumber(flags.correctAt, "--correct-at", false);
    const wrongAt = flags.wrongAt === undefined ? undefined : parseNumber(flags.wrongAt, "--wrong-at", false);
    const maxErrorFraction = parseFraction(flags.maxErrorFraction, "--max-error-fraction");
    await checkOutputFiles({
      inputs: [
        { flag: "--input", path: flags.input },
        { flag: "--spec", path: flags.spec },
      ],
      outputs: [
        { flag: "--output", path: flags.output },
        { flag: "--groups-json", path: flags.groupsJson },
        { flag: "--summary-json", path: flags.summaryJson },
      ],
    });
    const section = await estimatorSpec(flags);
    const estimator = compileAdvantage(section, builtinEstimators, "advantage");
    const groupLines: GroupSummary[] = [];
    let badShown = 0;
    const summary = await runAdvantages({
      estimator,
      input: flags.input,
      output: flags.output,
      batchSize,
      rewardField: flags.rewardField,
      groupField: flags.groupField,
      diagnostics: wrongAt === undefined ? { correctAt } : { correctAt, wrongAt },
      onBadRow(where, message) {
        if (badShown++ < 20) process.stderr.write(`rewardkit: ${where}: skipped: ${message}\n`);
      },
      onGroup(group) {
        if (flags.groups || flags.groupsJson) groupLines.push(group);
      },
      onRestart() {
        groupLines.length = 0;
      },
    });
    if (badShown > 20) process.stderr.write(`rewardkit: ... and ${badShown - 20} more skipped rows\n`);
    if (summary.how === "gathered") {
      process.stderr.write(
        "rewardkit: the rows were not sorted by group; they were gathered by group so each group's advantages use all its rows (output in input order)\n",
      );
    }
    if (summary.ungroupedRows > 0) {
      const more = summary.ungroupedRows - summary.ungroupedExamples.length;
      process.stderr.write(
        `rewardkit: ${summary.ungroupedRows} row${summary.ungroupedRows === 1 ? "" : "s"} without a ${flags.groupField} (each is a group of one): ${summary.ungroupedExamples.join(", ")}${more > 0 ? `, and ${more} more` : ""}\n`,
      );
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    process.stderr.write(
      `advantages (${estimator.type}): ${summary.rows} rows in ${seconds}s; ${summary.badRows} row${summary.badRows === 1 ? "" : "s"} skipped\n`,
    );
    process.stderr.write(`${formatDiagnostics(summary.diagnostics.toJSON())}\n`);
    const method = Object.entries(summary.methodDiagnostics);
    if (method.length > 0) {
      process.stderr.write(
        `${estimator.type.padEnd(10)} ${method.map(([key, value]) => `${key} ${Number.isInteger(value) ? value : fixed(value)}`).join(", ")}\n`,
      );
    }
    if (flags.groups) process.stderr.write(`${formatGroups(groupLines)}\n`);
    const { writeFile } = await import("node:fs/promises");
    if (flags.groupsJson) {
      await writeFile(flags.groupsJson, groupLines.map((line) => `${JSON.stringify(line)}\n`).join(""));
    }
    const verdict = runVerdict({
      read: summary.rows + summary.badRows,
      unreadable: summary.badRows,
      errored: summary.erroredRows,
      maxErrorFraction,
    });
    if (summary.erroredRows > 0) {
      process.stderr.write(
        `rewardkit: ${summary.erroredRows} of ${summary.rows} rows carry a scoring error (their reward is a node's on_error value)\n`,
      );
    }
    if (!verdict.usable) process.stderr.write(`rewardkit: nothing usable (exit 3): ${verdict.reason}\n`);
    if (flags.summaryJson) {
      const json = {
        rows: summary.rows,
        skipped_rows: summary.badRows,
        errored_rows: summary.erroredRows,
        ungrouped_rows: summary.ungroupedRows,
        ...(verdict.usable ? {} : { unusable: verdict.reason }),
        ...summary.diagnostics.toJSON(),
        ...summary.methodDiagnostics,
      };
      await writeFile(flags.summaryJson, `${JSON.stringify(json, null, 2)}\n`);
    }
    return verdict.usable ? exitCodes.ok : exitCodes.unusable;
  } catch (error) {
    return reportFailure(error);
  }
}
