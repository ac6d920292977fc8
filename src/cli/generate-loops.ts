import { RewardkitError } from "../core/index.js";
import {
  bstarRound,
  byGroup,
  dnoIteration,
  type Pairing,
  raftRound,
  type ScoredRow,
  sftRow,
} from "../select/index.js";
import { parseNumberFlag } from "./exit.js";
import { finish, type GenerateRun, reportFailures, writeJson, writeRows } from "./generate-context.js";
import { integerFlag, numberList, runBetweenRounds } from "./generate-setup.js";

/** Prompts none of whose samples has a usable score (every one errored). */
function promptsWithoutScores(samples: readonly ScoredRow[]): number {
  return byGroup(samples).filter((group) => group.every((row) => row.error !== undefined)).length;
}

function fixed(value: number): string {
  return Number.isFinite(value) ? value.toFixed(4) : "n/a";
}

function choice<T extends string>(value: unknown, allowed: readonly T[], flag: string): T {
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  throw new RewardkitError(
    "BAD_REQUEST",
    `${flag}: expected one of ${allowed.join(", ")}, got "${String(value)}"`,
  );
}

/** The SFT file of a round: TRL prompt-completion rows with the sample's id, group and reward. */
function sftRows(rows: readonly ScoredRow[]): object[] {
  return rows.map((row) => ({
    ...sftRow(row.prompt, row.completion),
    id: row.id,
    group: row.group,
    reward: row.reward,
  }));
}

async function afterRound(run: GenerateRun, round: number, file: string): Promise<void> {
  if (run.flags.betweenRounds !== undefined && round < run.rounds) {
    run.log(`rewardkit: round ${round}: running --between-rounds`);
    await runBetweenRounds(run.flags.betweenRounds, round, file);
  }
}

/** RAFT rounds: DIR/round-N.jsonl (the fine-tuning set), DIR/round-N.samples.jsonl, DIR/stats.json. */
export async function generateRaft(run: GenerateRun): Promise<number> {
  const selection = choice(
    run.flags.selection ?? "local",
    ["local", "global", "sampled"] as const,
    "--selection",
  );
  const keep = integerFlag(String(run.flags.keep ?? "1"), "--keep");
  const selectionTemperature =
    run.flags.selectionTemperature === undefined
      ? 1
      : parseNumberFlag(String(run.flags.selectionTemperature), "--selection-temperature");
  const stats = [];
  let attempted = 0;
  let failed = 0;
  let selected = 0;
  for (let round = 1; round <= run.rounds; round++) {
    const result = await raftRound({
      generator: run.generator,
      reward: run.reward,
      context: run.context,
      prompts: run.prompts,
      k: run.k,
      keep,
      selection,
      selectionTemperature,
      settings: run.settings,
      seed: run.seed,
      round,
    });
    reportFailures(run, result.failures);
    attempted += run.prompts.length;
    failed += result.failures.length + promptsWithoutScores(result.samples);
    selected += result.selected.length;
    await writeRows(run, `round-${round}.samples.jsonl`, result.samples);
    const file = await writeRows(run, `round-${round}.jsonl`, sftRows(result.selected));
    stats.push(result.stats);
    await writeJson(run, "stats.json", { method: "raft", rounds: stats });
    const s = result.stats;
    run.log(
      `raft round ${round}: ${s.samples} samples, reward ${fixed(s.reward_mean)} (best per prompt ${fixed(s.best_reward_mean)}), ${s.selected} selected (reward ${fixed(s.selected_reward_mean)}), distinct-2 ${fixed(s.distinct_2)}, generation failures ${s.generation_failures}, reward errors ${s.errored}`,
    );
    await afterRound(run, round, file);
  }
  return finish(run, { attempted, failed, selected, what: "selected" });
}

/** DNO iterations: DIR/round-N.pairs.jsonl (TRL preference rows), DIR/round-N.samples.jsonl, DIR/stats.json. */
export async function generateDno(run: GenerateRun): Promise<number> {
  const pairing = choice(
    run.flags.pairing ?? "best_worst",
    ["best_worst", "best_vs_rest", "all"] as const,
    "--pairing",
  ) as Pairing;
  const preference = choice(
    run.flags.preference ?? "reward",
    ["reward", "win_rate"] as const,
    "--preference",
  );
  const minMargin =
    run.flags.minMargin === undefined
      ? undefined
      : parseNumberFlag(String(run.flags.minMargin), "--min-margin");
  const prompts = run.prompts.map((prompt) => ({
    ...prompt,
    teacher: typeof prompt.extra === "string" ? prompt.extra : undefined,
  }));
  if (run.flags.teacherField !== undefined && prompts.every((prompt) => prompt.teacher === undefined)) {
    throw new RewardkitError(
      "BAD_REQUEST",
      `--teacher-field ${String(run.flags.teacherField)}: no prompt row has text there`,
    );
  }
  const stats = [];
  let attempted = 0;
  let failed = 0;
  let pairs = 0;
  for (let round = 1; round <= run.rounds; round++) {
    const result = await dnoIteration({
      generator: run.generator,
      reward: run.reward,
      context: run.context,
      prompts,
      k: run.k,
      pairing,
      minMargin,
      preference,
      beatTeacher: run.flags.beatTeacher === true,
      settings: run.settings,
      seed: run.seed,
      round,
    });
    reportFailures(run, result.failures);
    attempted += prompts.length;
    failed += result.failures.length + promptsWithoutScores(result.samples);
    pairs += result.pairs.length;
    await writeRows(run, `round-${round}.samples.jsonl`, result.samples);
    const file = await writeRows(run, `round-${round}.pairs.jsonl`, result.pairs);
    stats.push(result.stats);
    await writeJson(run, "stats.json", { method: "dno", rounds: stats });
    const s = result.stats;
    run.log(
      `dno round ${round}: ${s.samples} samples, ${s.pairs} pairs from ${s.prompts_with_pairs} prompts (margin ${fixed(s.margin_mean)}; chosen ${fixed(s.chosen_reward_mean)} vs rejected ${fixed(s.rejected_reward_mean)}), generation failures ${s.generation_failures}, reward errors ${s.errored}`,
    );
    await afterRound(run, round, file);
  }
  return finish(run, {
    attempted,
    failed,
    selected: pairs,
    what: "paired (no pair met the margin and teacher filters)",
  });
}

/** B-STaR rounds: DIR/round-N.jsonl (selected), DIR/round-N.samples.jsonl, DIR/stats.json (monitors, chosen settings, grid). */
export async function generateBstar(run: GenerateRun): Promise<number> {
  const temperatures = numberList(
    String(run.flags.temperatures ?? run.flags.temperature ?? "0.7"),
    "--temperatures",
  );
  const thresholds = numberList(String(run.flags.thresholds ?? "0"), "--thresholds");
  const nStar = integerFlag(String(run.flags.nStar ?? "8"), "--n-star");
  const maxPerPrompt =
    run.flags.maxPerPrompt === undefined
      ? undefined
      : integerFlag(String(run.flags.maxPerPrompt), "--max-per-prompt");
  const probePrompts = integerFlag(String(run.flags.probePrompts ?? "0"), "--probe-prompts", 0);
  const component = run.flags.correctComponent === undefined ? undefined : String(run.flags.correctComponent);
  const correctAt = parseNumberFlag(String(run.flags.correctAt ?? "1"), "--correct-at");
  const correct = (row: ScoredRow) =>
    (component === undefined ? row.reward : (row.components[component] ?? Number.NaN)) >= correctAt;
  const stats = [];
  let attempted = 0;
  let failed = 0;
  let selected = 0;
  for (let round = 1; round <= run.rounds; round++) {
    const result = await bstarRound({
      generator: run.generator,
      reward: run.reward,
      context: run.context,
      prompts: run.prompts,
      k: run.k,
      temperatures,
      thresholds,
      nStar,
      maxPerPrompt,
      probePrompts,
      correct,
      settings: run.settings,
      seed: run.seed,
      round,
    });
    if (
      component !== undefined &&
      result.samples.length > 0 &&
      result.samples.every((row) => row.components[component] === undefined)
    ) {
      throw new RewardkitError(
        "BAD_REQUEST",
        `--correct-component ${component}: the spec's components are ${Object.keys(result.samples[0]?.components ?? {}).join(", ") || "none"}`,
      );
    }
    reportFailures(run, result.failures);
    attempted += run.prompts.length;
    failed += result.failures.length + promptsWithoutScores(result.samples);
    selected += result.selected.length;
    await writeRows(run, `round-${round}.samples.jsonl`, result.samples);
    const file = await writeRows(run, `round-${round}.jsonl`, sftRows(result.selected));
    stats.push({
      round,
      temperature: result.temperature,
      threshold: result.threshold,
      balance_score: result.balance,
      selected: result.selected.length,
      ...result.monitors,
      grid: result.grid,
    });
    await writeJson(run, "stats.json", { method: "b-star", rounds: stats });
    const m = result.monitors;
    run.log(
      `b-star round ${round}: temperature ${result.temperature}, threshold ${result.threshold} (balance ${fixed(result.balance)}); pass@${run.k} ${fixed(m.pass_at_k)}, pass@1 ${fixed(m.pass_at_1)}, distinct correct ${fixed(m.distinct_correct)}, reward@${run.k} ${fixed(m.reward_at_k)}, AUC ${fixed(m.reward_auc)}; ${result.selected.length} selected`,
    );
    await afterRound(run, round, file);
  }
  return finish(run, { attempted, failed, selected, what: "selected (no response above the threshold)" });
}
