import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { defaultMaxImageBytes, loadSpecFile, parseFieldMap, runScore } from "../engine/index.js";
import { checkOutputFiles } from "../io/index.js";
import { renderScoreReport } from "../report/index.js";
import { exitCodes, parseFraction, parseNumberFlag, reportFailure } from "./exit.js";
import { progressBar } from "./progress.js";

interface ScoreFlags {
  spec: string;
  input: string;
  output: string;
  concurrency: string;
  batchSize: string;
  map?: string;
  resume?: boolean;
  summaryJson?: string;
  report?: string;
  progress: boolean;
  maxErrorFraction: string;
  correctAt: string;
  wrongAt?: string;
  maxImageBytes: string;
}

export function registerScore(program: Command): void {
  program
    .command("score")
    .description(
      "Score rows (JSONL, JSONL.gz or Parquet) with a reward spec; write rows out with reward and components.",
    )
    .requiredOption("--spec <file>", "the reward spec (YAML or JSON)")
    .option("--input <file|->", "rows to score, or - for stdin", "-")
    .option(
      "--output <file|->",
      "where scored rows go (.parquet writes Parquet, .gz gzipped JSONL), or - for stdout; never the input file",
      "-",
    )
    .option("--concurrency <n>", "samples in flight at once for async rewards (judges, sandboxes)", "16")
    .option(
      "--batch-size <n>",
      "rows per batch; a group is never split, whatever the input order (shuffled rows are gathered by group through a temporary file)",
      "512",
    )
    .option(
      "--map <pairs>",
      "take sample fields from other columns, e.g. completion=response,reference=answer",
    )
    .option(
      "--resume",
      "keep the rows an earlier run wrote to --output (plain .jsonl) and continue after them",
    )
    .option(
      "--max-error-fraction <f>",
      "exit 3 when more than this fraction of rows is unreadable or errored (default 1: only when every row failed)",
      "1",
    )
    .option("--correct-at <x>", "group counts: a reward at or above this is correct", "1")
    .option(
      "--wrong-at <x>",
      "group counts: a reward at or below this is wrong (default: below --correct-at)",
    )
    .option(
      "--max-image-bytes <n>",
      "the largest image a row may send to a judge (local files are read relative to --input's folder and sent as base64)",
      String(defaultMaxImageBytes),
    )
    .option("--summary-json <file>", "also write the summary as JSON")
    .option("--report <file.html>", "also write an HTML report: figures per component, distributions, errors")
    .option("--no-progress", "no progress bar")
    .addHelpText(
      "after",
      `
Exit codes: 0 scored (even if some rows errored), 2 bad usage or spec (nothing is written),
3 nothing usable (no row read, every row unreadable or errored, or more than
--max-error-fraction of them; the output is still written), 1 an internal failure.

Example:
  rewardkit score --spec examples/arithmetic/spec.yaml --input examples/arithmetic/rows.jsonl --output scored.jsonl
`,
    )
    .action(async (flags: ScoreFlags) => {
      process.exitCode = await score(flags);
    });
}

async function score(flags: ScoreFlags): Promise<number> {
  const concurrency = Number(flags.concurrency);
  const batchSize = Number(flags.batchSize);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    return usage(`--concurrency: expected a positive integer, got "${flags.concurrency}"`);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    return usage(`--batch-size: expected a positive integer, got "${flags.batchSize}"`);
  const maxImageBytes = Number(flags.maxImageBytes);
  if (!Number.isInteger(maxImageBytes) || maxImageBytes < 1)
    return usage(`--max-image-bytes: expected a positive integer, got "${flags.maxImageBytes}"`);
  const started = performance.now();
  let loaded: Awaited<ReturnType<typeof loadSpecFile>> | undefined;
  const progress = progressBar(flags.progress && flags.input !== "-");
  let badShown = 0;
  try {
    const maxErrorFraction = parseFraction(flags.maxErrorFraction, "--max-error-fraction");
    const correctAt = parseNumberFlag(flags.correctAt, "--correct-at");
    const wrongAt = flags.wrongAt === undefined ? undefined : parseNumberFlag(flags.wrongAt, "--wrong-at");
    const fields = parseFieldMap(flags.map);
    // Every file this run will write is checked before the spec loads and anything is scored.
    await checkOutputFiles({
      inputs: [
        { flag: "--input", path: flags.input },
        { flag: "--spec", path: flags.spec },
      ],
      outputs: [
        { flag: "--output", path: flags.output },
        { flag: "--report", path: flags.report },
        { flag: "--summary-json", path: flags.summaryJson },
      ],
    });
    loaded = await loadSpecFile(flags.spec);
    const summary = await runScore({
      loaded,
      input: flags.input,
      output: flags.output,
      concurrency,
      batchSize,
      fields,
      images: { maxBytes: maxImageBytes },
      resume: flags.resume ?? false,
      diagnostics: wrongAt === undefined ? { correctAt } : { correctAt, wrongAt },
      onBadRow(where, message) {
        if (badShown++ < 20) process.stderr.write(`rewardkit: ${where}: skipped: ${message}\n`);
      },
      onProgress: (source) => progress.update(source),
    });
    progress.stop();
    if (badShown > 20) process.stderr.write(`rewardkit: ... and ${badShown - 20} more unreadable rows\n`);
    process.stderr.write(`${summary.format(performance.now() - started)}\n`);
    const verdict = summary.verdict(maxErrorFraction);
    if (!verdict.usable) process.stderr.write(`rewardkit: nothing usable (exit 3): ${verdict.reason}\n`);
    const elapsedMs = performance.now() - started;
    if (flags.summaryJson) {
      const json = { ...summary.toJSON(), ...(verdict.usable ? {} : { unusable: verdict.reason }) };
      await writeFile(flags.summaryJson, `${JSON.stringify(json, null, 2)}\n`);
    }
    if (flags.report) {
      const data = summary.reportData({
        title: loaded.spec.description ?? "rewardkit score report",
        specFile: flags.spec,
        input: flags.input,
        elapsedMs,
      });
      await writeFile(flags.report, renderScoreReport(data));
    }
    return verdict.usable ? exitCodes.ok : exitCodes.unusable;
  } catch (error) {
    progress.stop();
    return reportFailure(error);
  } finally {
    await loaded?.close();
  }
}

function usage(message: string): number {
  process.stderr.write(`rewardkit: ${message}\n`);
  return exitCodes.usage;
}
