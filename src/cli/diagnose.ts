import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { RewardkitError } from "../core/index.js";
import {
  diagnoseHacking,
  type HackingRoles,
  HackingRowAggregator,
  type HackingThresholds,
  hackingThresholdsSchema,
} from "../diagnose/index.js";
import { runVerdict } from "../engine/index.js";
import { checkOutputFiles, openRows } from "../io/index.js";
import { formatHackingReport } from "./diagnose-format.js";
import { exitCodes, parseFraction, reportFailure } from "./exit.js";
import { applyOptionFlag } from "./option-flags.js";

interface DiagnoseFlags {
  json?: boolean;
  gold: string;
  step: string;
  kl: string;
  length?: string;
  rewardField: string;
  componentsField: string;
  groupField: string;
  judge?: string;
  verifier?: string;
  format?: string;
  weights?: string;
  threshold: string[];
  textRate: string;
  maxErrorFraction: string;
  reportJson?: string;
}

const help = `
Each flag fires on a change over training steps (a Mann–Kendall trend and a late-vs-early change
beyond noise), never on one snapshot: a component that dominates from step 0 is a design, not a hack.
Flags: length_drift, length_reward_correlation, component_takeover, format_saturation,
gold_divergence (reward up while a held-out gold probe turns), variance_collapse,
ensemble_disagreement, judge_verifier_divergence, repeated_ngrams, answer_hedging, copied_prompt,
master_key_replies. Thresholds (docs/diagnose-hacking.md) are set with --threshold name=value.

Exit codes: 0 diagnosed (whether or not flags fired), 2 bad usage, 3 nothing usable (no row with a
step and a reward, every row unreadable or errored, more than --max-error-fraction of them, or too
few steps for any flag to decide), 1 an internal failure.

Examples:
  rewardkit diagnose scored.jsonl
  rewardkit diagnose scored.jsonl --json > flags.json
  rewardkit diagnose run.parquet --gold meta.verifier --judge judge --verifier correct
  rewardkit diagnose scored.jsonl --threshold alpha=0.001 --threshold min_steps=20
`;

export function registerDiagnose(program: Command): void {
  program
    .command("diagnose")
    .description(
      "Look for reward hacking over training steps in scored rows (JSONL, JSONL.gz or Parquet with a step column): flags with their evidence.",
    )
    .argument("<file>", "scored rows with a training step (- for stdin)")
    .option(
      "--json",
      "print the report as JSON: {flags: [{name, fired, status, summary, first_step, evidence}], ...}",
    )
    .option(
      "--gold <field>",
      "the held-out gold probe's score (rows without it were not probed)",
      "meta.gold",
    )
    .option("--step <field>", "the training step", "step")
    .option(
      "--kl <field>",
      "KL to the reference policy, when logged (for --threshold gold_axis=sqrt_kl)",
      "meta.kl",
    )
    .option(
      "--length <field>",
      "a measured length, e.g. meta.completion_tokens (default: words of the completion)",
    )
    .option("--reward-field <field>", "the reward", "reward")
    .option("--components-field <field>", "the object of component scores", "components")
    .option("--group-field <field>", "the group (samples of one prompt)", "group")
    .option("--judge <component>", "a judge component to compare with --verifier")
    .option("--verifier <component>", "a verifier component to compare with --judge")
    .option(
      "--format <components>",
      "format-only components, comma-separated (default: names containing 'format')",
    )
    .option(
      "--weights <pairs>",
      "component weights in the reward, e.g. format=0.2,correct=1 (default: fitted)",
    )
    .option(
      "--threshold <name=value>",
      "set a threshold (repeatable), e.g. alpha=0.001",
      (value: string, previous: string[]) => [...previous, value],
      [],
    )
    .option("--text-rate <f>", "fraction of completions the text checks read", "1")
    .option(
      "--max-error-fraction <f>",
      "exit 3 when more than this fraction of rows is unreadable, unusable or errored (default 1: only when all are)",
      "1",
    )
    .option("--report-json <file>", "also write the JSON report to this file")
    .addHelpText("after", help)
    .action(async (file: string, flags: DiagnoseFlags) => {
      process.exitCode = await diagnose(file, flags);
    });
}

async function diagnose(file: string, flags: DiagnoseFlags): Promise<number> {
  try {
    const maxErrorFraction = parseFraction(flags.maxErrorFraction, "--max-error-fraction");
    const textRate = parseFraction(flags.textRate, "--text-rate");
    const thresholds = parseThresholds(flags.threshold);
    const roles = parseRoles(flags);
    await checkOutputFiles({
      inputs: [{ flag: "FILE", path: file }],
      outputs: [{ flag: "--report-json", path: flags.reportJson }],
    });
    const aggregator = new HackingRowAggregator({
      fields: {
        step: flags.step,
        gold: flags.gold,
        kl: flags.kl,
        length: flags.length,
        reward: flags.rewardField,
        components: flags.componentsField,
        group: flags.groupField,
      },
      observe: {
        textRate,
        ngram: thresholds.ngram,
        repetition: thresholds.repetition,
        copyCoverage: thresholds.copy_coverage,
      },
    });
    const source = await openRows(file);
    let unreadable = 0;
    let shown = 0;
    const say = (message: string) => {
      if (shown++ < 20) process.stderr.write(`rewardkit: ${message}\n`);
    };
    for await (const read of source) {
      if (!read.ok) {
        unreadable++;
        say(`${source.label}:${read.line}: skipped: ${read.message}`);
        continue;
      }
      const verdict = aggregator.add(read.row);
      if (!verdict.used && verdict.reason !== "errored") {
        say(
          `${source.label}:${read.line}: skipped: ${verdict.reason === "no_step" ? `no numeric ${flags.step}` : `no numeric ${flags.rewardField}`}`,
        );
      }
    }
    if (shown > 20) process.stderr.write(`rewardkit: ... and ${shown - 20} more skipped rows\n`);
    const { counts } = aggregator;
    if (counts.errored > 0) {
      process.stderr.write(`rewardkit: ${counts.errored} rows carry a scoring error and were left out\n`);
    }
    const report = diagnoseHacking(aggregator.aggregates(), { thresholds, roles });
    const json = {
      ...report,
      input: {
        file,
        rows: counts.rows + unreadable,
        used: counts.used,
        unreadable,
        no_step: counts.no_step,
        no_reward: counts.no_reward,
        errored: counts.errored,
      },
    };
    if (flags.reportJson) await writeFile(flags.reportJson, `${JSON.stringify(json, null, 2)}\n`);
    process.stdout.write(
      flags.json
        ? `${JSON.stringify(json, null, 2)}\n`
        : `${formatHackingReport(report, { label: source.label, skipped: counts.rows + unreadable - counts.used })}\n`,
    );
    const verdict = runVerdict({
      read: counts.rows + unreadable,
      unreadable: unreadable + counts.no_step + counts.no_reward,
      errored: counts.errored,
      maxErrorFraction,
    });
    if (!verdict.usable) {
      process.stderr.write(`rewardkit: nothing usable (exit 3): ${verdict.reason}\n`);
      return exitCodes.unusable;
    }
    if (
      report.flags.every((flag) => flag.status === "insufficient_data" || flag.status === "not_applicable")
    ) {
      process.stderr.write(
        `rewardkit: nothing usable (exit 3): ${report.steps} distinct steps; no flag can decide on fewer than ${report.thresholds.min_steps}\n`,
      );
      return exitCodes.unusable;
    }
    return exitCodes.ok;
  } catch (error) {
    return reportFailure(error);
  }
}

function parseThresholds(options: readonly string[]): HackingThresholds {
  const raw: Record<string, unknown> = {};
  for (const option of options) applyOptionFlag(raw, option, "alpha=0.001");
  const parsed = hackingThresholdsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join(".") ?? "";
    throw new RewardkitError("BAD_REQUEST", `--threshold ${path}: ${issue?.message ?? "invalid"}`, {
      path: "--threshold",
    });
  }
  return parsed.data;
}

function parseRoles(flags: DiagnoseFlags): HackingRoles {
  if ((flags.judge === undefined) !== (flags.verifier === undefined)) {
    throw new RewardkitError(
      "BAD_REQUEST",
      "--judge and --verifier go together (the two components compared)",
    );
  }
  const roles: HackingRoles = {};
  if (flags.judge && flags.verifier) {
    roles.judge = flags.judge;
    roles.verifier = flags.verifier;
  }
  if (flags.format)
    roles.format = flags.format
      .split(",")
      .map((name) => name.trim())
      .filter(Boolean);
  if (flags.weights) {
    const weights: Record<string, number> = {};
    for (const pair of flags.weights.split(",")) {
      const [name, text] = pair.split("=").map((part) => part.trim());
      const value = Number(text);
      if (!name || text === undefined || text === "" || !Number.isFinite(value)) {
        throw new RewardkitError("BAD_REQUEST", `--weights: expected name=number pairs, got "${pair}"`);
      }
      weights[name] = value;
    }
    roles.weights = weights;
  }
  return roles;
}
