import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { RewardkitError } from "../core/index.js";
import { loadSpecFile, parseFieldMap, runScore, runVerdict } from "../engine/index.js";
import { checkOutputFiles, openRows } from "../io/index.js";
import { AuditTally } from "./audit-figures.js";
import { formatAudit } from "./audit-format.js";
import { exitCodes, parseFraction, parseNumberFlag, reportFailure } from "./exit.js";
import { progressBar } from "./progress.js";

interface AuditFlags {
  spec: string;
  input: string;
  label: string;
  threshold: string;
  by?: string;
  json?: boolean;
  map?: string;
  output?: string;
  examples: string;
  concurrency: string;
  batchSize: string;
  maxErrorFraction: string;
  progress: boolean;
}

export function registerAudit(program: Command): void {
  program
    .command("audit")
    .description(
      "How far to trust a reward: score labelled rows with any spec and compare reward >= threshold with each row's label (accuracy, false positives and negatives, errors, per group, examples with reasons).",
    )
    .requiredOption("--spec <file>", "the reward spec (YAML or JSON)")
    .requiredOption("--input <file|->", "labelled rows (JSONL, JSONL.gz or Parquet), or - for stdin")
    .requiredOption(
      "--label <field>",
      "the row field holding the truth: true/false or 1/0 (dotted paths reach nested fields, e.g. meta.is_correct)",
    )
    .option("--threshold <x>", "a reward at or above this accepts the row", "0.5")
    .option("--by <field>", "also give the figures per value of this row field (dotted paths allowed)")
    .option("--json", "print one JSON object with the figures on stdout")
    .option(
      "--map <pairs>",
      "take sample fields from other columns, e.g. completion=response,reference=answer",
    )
    .option("--output <file>", "also keep the scored rows here (as `score --output` writes them)")
    .option("--examples <n>", "examples shown of each kind of disagreement", "3")
    .option("--concurrency <n>", "samples in flight at once for async rewards (judges, sandboxes)", "16")
    .option("--batch-size <n>", "rows per batch (a group is never split)", "512")
    .option(
      "--max-error-fraction <f>",
      "exit 3 when more than this fraction of rows is unreadable, unlabelled or errored (default 1: only when every row failed)",
      "1",
    )
    .option("--no-progress", "no progress bar")
    .addHelpText(
      "after",
      `
Errored rows (a judge that gave no score, a sandbox limit) are counted apart, never as rejections.
Exit codes: 0 audited, 2 bad usage or spec, 3 nothing usable (no row read, or every row unreadable,
unlabelled or errored, or more than --max-error-fraction of them), 1 an internal failure.

Example (GSM8K's labelled model solutions, one model's column at a time):
  rewardkit audit --spec math.yaml --input example_model_solutions.jsonl \\
    --map completion=175b_verification.solution,reference=ground_truth --label 175b_verification.is_correct
`,
    )
    .action(async (flags: AuditFlags) => {
      process.exitCode = await audit(flags);
    });
}

function wholeNumber(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0)
    throw usageError(`${flag}: expected a whole number, got "${text}"`);
  return value;
}

function usageError(message: string): RewardkitError {
  return new RewardkitError("BAD_REQUEST", message);
}

async function audit(flags: AuditFlags): Promise<number> {
  let loaded: Awaited<ReturnType<typeof loadSpecFile>> | undefined;
  let scratch: string | undefined;
  const progress = progressBar(flags.progress && flags.input !== "-");
  try {
    const threshold = parseNumberFlag(flags.threshold, "--threshold");
    const maxErrorFraction = parseFraction(flags.maxErrorFraction, "--max-error-fraction");
    const examples = wholeNumber(flags.examples, "--examples");
    const concurrency = wholeNumber(flags.concurrency, "--concurrency");
    const batchSize = wholeNumber(flags.batchSize, "--batch-size");
    if (concurrency < 1 || batchSize < 1)
      throw usageError("--concurrency and --batch-size must be at least 1");
    const fields = parseFieldMap(flags.map);
    await checkOutputFiles({
      inputs: [
        { flag: "--input", path: flags.input },
        { flag: "--spec", path: flags.spec },
      ],
      outputs: [{ flag: "--output", path: flags.output }],
    });
    loaded = await loadSpecFile(flags.spec);
    scratch = flags.output === undefined ? await mkdtemp(join(tmpdir(), "rewardkit-audit-")) : undefined;
    const output = flags.output ?? join(scratch as string, "scored.jsonl");
    let badShown = 0;
    const started = performance.now();
    const summary = await runScore({
      loaded,
      input: flags.input,
      output,
      concurrency,
      batchSize,
      fields,
      onBadRow(where, message) {
        if (badShown++ < 20) process.stderr.write(`rewardkit: ${where}: skipped: ${message}\n`);
      },
      onProgress: (source) => progress.update(source),
    });
    progress.stop();
    if (badShown > 20) process.stderr.write(`rewardkit: ... and ${badShown - 20} more unreadable rows\n`);
    process.stderr.write(`${summary.format(performance.now() - started)}\n`);
    const tally = new AuditTally({
      label: flags.label,
      threshold,
      by: flags.by,
      examples,
      completion: fields.completion,
    });
    let position = 0;
    for await (const read of await openRows(output)) {
      position++;
      if (!read.ok) continue;
      const id = read.row[fields.id ?? "id"];
      tally.add(read.row, id === undefined || id === null ? `row ${position}` : `id ${JSON.stringify(id)}`);
    }
    const verdict = runVerdict({
      read: summary.rowsScored + summary.badLines,
      unreadable: summary.badLines + tally.unlabelled,
      errored: tally.overall.errors,
      errorsByCode: tally.errorsByCode,
      maxErrorFraction,
    });
    if (tally.unlabelled > 0) {
      process.stderr.write(
        `rewardkit: ${tally.unlabelled} row${tally.unlabelled === 1 ? "" : "s"} without a usable --label ${flags.label} (left out): ${tally.unlabelledExamples.join("; ")}\n`,
      );
    }
    if (!verdict.usable) process.stderr.write(`rewardkit: nothing usable (exit 3): ${verdict.reason}\n`);
    if (flags.json) {
      const json = {
        ...tally.toJSON(),
        unreadable: summary.badLines,
        ...(verdict.usable ? {} : { unusable: verdict.reason }),
      };
      process.stdout.write(`${JSON.stringify(json)}\n`);
    } else {
      process.stdout.write(formatAudit(flags.input, tally));
    }
    return verdict.usable ? exitCodes.ok : exitCodes.unusable;
  } catch (error) {
    progress.stop();
    return reportFailure(error);
  } finally {
    await loaded?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}
