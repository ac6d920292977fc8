import { htmlTable, lineChart, SeriesColors } from "../../report/index.js";
import type { LabResults, MeasuredCurve } from "../results.js";
import { environmentFrame, movingAverage, thinned } from "./frames.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

type OniResults = LabResults<MeasuredCurve> & {
  late: { method: string; late_success: number; annotated_captions: number; annotator_requests: number }[];
  training: { method: string; successes: number[]; annotated_captions: number[] }[];
  caption_rewards: { method: string; rewards: Record<string, number> }[];
};

export function oniReport(results: OniResults, frame: string): string[] {
  const colors = new SeriesColors();
  const window = Number(results.settings.window ?? 20);
  const stride = (length: number) => Math.max(1, Math.floor(length / 60));
  const success = lineChart({
    title: `Task success (last ${window} episodes)`,
    xLabel: "training episode",
    yLabel: "success rate",
    colors,
    series: results.training.map((run) => ({
      name: run.method,
      points: thinned(movingAverage(run.successes, window), stride(run.successes.length)),
    })),
  });
  const calls = lineChart({
    title: "Captions sent to the annotator (cumulative, log10(1 + n))",
    xLabel: "training episode",
    yLabel: "log10(1 + captions)",
    colors,
    series: results.training
      .filter((run) => run.method !== "task-only")
      .map((run) => ({
        name: run.method,
        points: thinned(
          run.annotated_captions.map((count) => Math.log10(1 + count)),
          stride(run.annotated_captions.length),
        ),
      })),
  });
  const captions = [...new Set(results.caption_rewards.flatMap((run) => Object.keys(run.rewards)))].sort();
  return [
    paragraph(
      'A key-door gridworld (the env room\'s key-door, one fixed layout; reconstructed world: the paper uses NetHack) with a sparse task reward of 1 at the goal behind a locked door. Every step is captioned ("You picked up the key.", "You opened the door.", "You walk north."; reconstructed). The learner is tabular Q-learning (reconstructed: the paper trains APPO). task-only trains on the task reward; annotator asks the annotator about every captioned step and uses its label as r_llm; ONI-Retrieval and ONI-Classification annotate each distinct caption once, in batches between blocks of episodes, and distil the labels into a lookup table or a classifier on the captions\' words. Reward r = r_task + coeff·r_int(m)·N_ep(m)^(−β) (rm-rl.md §14.1). The annotator here is the scripted one (helpful = mentions key, door or goal); an LLM annotator over an OpenAI-compatible endpoint has the same interface.',
    ),
    claimsSection(results.claims),
    figureRow([
      environmentFrame(frame, "The key-door world (start, key, locked door, goal)."),
      success,
      calls,
    ]),
    htmlTable(
      ["method", "success (2nd half)", "captions annotated", "annotator requests"],
      results.late.map((row) => [
        row.method,
        row.late_success.toFixed(3),
        String(row.annotated_captions),
        String(row.annotator_requests),
      ]),
    ),
    "<h2>Intrinsic reward per caption at the end of training</h2>",
    htmlTable(
      ["caption", ...results.caption_rewards.map((run) => run.method)],
      captions.map((caption) => [
        caption,
        ...results.caption_rewards.map((run) => String(run.rewards[caption] ?? "not seen")),
      ]),
    ),
    settingsSection(results.settings, results.seed),
  ];
}
