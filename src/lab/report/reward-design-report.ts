import { htmlTable, lineChart, SeriesColors } from "../../report/index.js";
import type { DesignVerification } from "../experiments/reward-design-claims.js";
import type { LabResults, MeasuredCurve } from "../results.js";
import { environmentFrame } from "./frames.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

type RewardDesignResults = LabResults<MeasuredCurve> & {
  verification: DesignVerification;
  designed_cells: number[];
  training: { method: string; completed: number[]; redesigns: number }[];
};

/** The reward-design report: the world with the designed states, success curves, the planning check. */
export function rewardDesignReport(results: RewardDesignResults, world: { frame: string }): string[] {
  const colors = new SeriesColors();
  const chart = (title: string, prefix: boolean) =>
    lineChart({
      title,
      xLabel: "training episode",
      yLabel: "success rate (moving)",
      colors,
      series: results.curves
        .filter((curve) => curve.method.startsWith("myopic") === prefix)
        .map((curve) => ({ name: curve.method, points: curve.points.map(({ x, y }) => ({ x, y })) })),
    });
  const check = results.verification;
  return [
    paragraph(
      "Sutton's four rooms, reward 1 at the goal and 0 elsewhere, tabular Q-learning (the env room's agent). The teacher knows V* and π* (value iteration) and may pay extra reward at a small budget of states: the designed reward adds γΦ(s′) − Φ(s) with Φ = V* on the chosen states and 0 elsewhere, the states picked greedily to maximize how many states an h-step lookahead on the reward alone already steers optimally (RECONSTRUCTED after Devidze et al.'s EXPRD). The adaptive teacher designs for the learner it teaches: Φ = V* under the learner's own discount, F with that discount, and it re-picks the states every few episodes, weighting the criterion by the learner's recent visits to states where its greedy action is still wrong (reconstructed; the two differences from the fixed design are not separated here). A self-designed (meta-learned) reward is not built.",
    ),
    claimsSection(results.claims),
    figureRow([
      environmentFrame(
        world.frame,
        "The world: the agent's start (dot), the goal (green), the fixed design's states outlined and numbered in the order the greedy selection picked them.",
      ),
      chart("Standard learner (γ = task γ, ε-greedy)", false),
    ]),
    figureRow([chart("Myopic learner: fixed and adaptive designs", true)]),
    htmlTable(
      ["check", "value"],
      [
        ["states (non-goal)", String(check.states)],
        ["designed states", String(check.designed_states)],
        [
          "states whose optimal actions change (value iteration)",
          String(check.states_with_other_optimal_actions),
        ],
        ["transitions with extra reward", `${check.non_zero_transitions} of ${check.transitions}`],
        [
          "states steered optimally by the h-step lookahead: designed / original",
          `${check.informativeness_designed} / ${check.informativeness_original}`,
        ],
      ],
    ),
    settingsSection(results.settings, results.seed),
  ];
}
