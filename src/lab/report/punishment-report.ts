import { htmlTable, lineChart, SeriesColors } from "../../report/index.js";
import type { LabResults, MeasuredCurve } from "../results.js";
import type { DilemmaMechanisms } from "../worlds/punishment-dilemma.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

type PunishmentResults = LabResults<MeasuredCurve> & {
  cooperation_last_episodes: Record<string, number>;
  arms: DilemmaMechanisms[];
};

export function punishmentReport(results: PunishmentResults): string[] {
  const colors = new SeriesColors();
  const chart = (key: "y" | "punishment_rate", title: string, yLabel: string) =>
    lineChart({
      title,
      xLabel: "episode",
      yLabel,
      colors,
      series: results.curves.map((curve) => ({
        name: curve.method,
        points: curve.points.map((point) => ({ x: point.x, y: point[key] ?? 0 })),
      })),
    });
  const yes = (value: boolean) => (value ? "yes" : "");
  return [
    paragraph(
      `A population of ${String(results.settings.agents)} Q-learning agents (the env room's tabular agent; the paper uses DQN) plays the repeated prisoner's dilemma (CC 3/3, CD 0/4, DD 1/1): each episode every agent picks a partner — at random, or with its select model from the others' reputations — and plays ${String(results.settings.rounds)} rounds. With direct punishment, after each round each player may punish the other (victim −3; punisher +2 when the victim defected, −10 when it cooperated; costly arms pay −3 for just punishment). Reputation: C +1, D −1, just punishment +2, unjust −3. Reconstructed parts: tabular learners, the select state (signs of the candidates' reputations against their mean), one-step punish and select updates; the paper's table is not in our materials, so the arms are in the order of its abstract.`,
    ),
    claimsSection(results.claims),
    figureRow([
      chart("y", "Cooperation over training", "share of moves that cooperate"),
      chart("punishment_rate", "Punishments over training", "punishments per move"),
    ]),
    htmlTable(
      ["arm", "punishment", "partner selection", "reputation in play state", "cooperation (last episodes)"],
      results.arms.map((arm) => [
        arm.name,
        arm.punishment ? `just ${arm.justReward > 0 ? "+" : ""}${arm.justReward}` : "",
        yes(arm.selection),
        yes(arm.reputationInPlay),
        (results.cooperation_last_episodes[arm.name] ?? Number.NaN).toFixed(3),
      ]),
    ),
    settingsSection(results.settings, results.seed),
  ];
}
