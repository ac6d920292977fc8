import { z } from "zod";
import { punishmentReport } from "../report/punishment-report.js";
import type { MeasuredCurve } from "../results.js";
import { dilemmaArms } from "../worlds/dilemma-arms.js";
import { type DilemmaEpisode, playDilemma } from "../worlds/punishment-dilemma.js";
import { defineExperiment } from "./experiment.js";
import { punishmentClaims } from "./punishment-claims.js";

const options = z.object({
  agents: z.number().int().min(3).default(5).describe("Agents in the population (the paper's scripts: 5)."),
  episodes: z
    .number()
    .int()
    .min(10)
    .default(400)
    .describe("Episodes; each agent picks a partner once per episode."),
  rounds: z.number().int().min(1).default(10).describe("Rounds per pairing (the paper: 10)."),
  learning_rate: z
    .number()
    .gt(0)
    .max(1)
    .default(0.1)
    .describe("Q-learning step size (the play model's lr: 0.1)."),
  discount: z.number().min(0).max(1).default(0.9).describe("γ of the play model (the paper: 0.9)."),
  play_epsilon_end: z
    .number()
    .min(0)
    .max(1)
    .default(0.01)
    .describe("The play model's final ε (the paper: 0.01)."),
  punish_epsilon_end: z
    .number()
    .min(0)
    .max(1)
    .default(0.2)
    .describe("The punish model's final ε (the paper: 0.2)."),
  exploration_share: z
    .number()
    .gt(0)
    .max(1)
    .default(0.6)
    .describe("Share of the episodes over which ε decays linearly from 0.8889 (the paper's max ε)."),
  just_reward: z.number().default(2).describe("The punisher's reward for just punishment (§25: +2)."),
  costly_just_reward: z.number().default(-3).describe("The same in the costly-punishment arms (§25: −3)."),
  tail_share: z
    .number()
    .gt(0)
    .max(1)
    .default(0.2)
    .describe("Claims compare cooperation over this last share of episodes."),
});

export const punishment = defineExperiment({
  name: "punishment",
  summary:
    "Learning agents in a repeated prisoner's dilemma with direct punishment, partner selection and reputation: cooperation with each mechanism and their combination against the baseline, and with costly punishment.",
  papers: [
    "Investigating the Impact of Direct Punishment on the Emergence of Cooperation in MARL (Dasgupta & Musolesi)",
  ],
  options,
  quick: { episodes: 80, agents: 4, rounds: 5 },
  async run(settings, seed, progress) {
    const arms = dilemmaArms({ just: settings.just_reward, costlyJust: settings.costly_just_reward });
    const runs: { arm: string; episodes: DilemmaEpisode[] }[] = [];
    for (const mechanisms of arms) {
      progress?.(mechanisms.name);
      const episodes = playDilemma({
        mechanisms,
        seed,
        settings: {
          agents: settings.agents,
          episodes: settings.episodes,
          rounds: settings.rounds,
          learningRate: settings.learning_rate,
          discount: settings.discount,
          playEpsilonEnd: settings.play_epsilon_end,
          punishEpsilonEnd: settings.punish_epsilon_end,
          explorationEpisodes: Math.round(settings.episodes * settings.exploration_share),
        },
      });
      runs.push({ arm: mechanisms.name, episodes });
    }
    const tail = Math.max(1, Math.round(settings.episodes * settings.tail_share));
    const ending = Object.fromEntries(
      runs.map((run) => {
        const last = run.episodes.slice(-tail);
        return [run.arm, last.reduce((total, episode) => total + episode.cooperation, 0) / last.length];
      }),
    );
    const window = Math.max(1, Math.round(settings.episodes / 20));
    const curves: MeasuredCurve[] = runs.map((run) => ({
      method: run.arm,
      x: "episode",
      y: `cooperation rate (mean of ${window} episodes)`,
      points: windows(run.episodes, window).map((chunk, index) => ({
        x: (index + 1) * window,
        y: mean(chunk.map((episode) => episode.cooperation)),
        punishment_rate: mean(chunk.map((episode) => episode.punishment_rate)),
        mean_reward: mean(chunk.map((episode) => episode.mean_reward)),
      })),
    }));
    const claims = punishmentClaims(ending);
    const results = {
      experiment: "punishment",
      seed,
      curves,
      claims,
      settings: { ...settings },
      cooperation_last_episodes: ending,
      arms: arms.map((arm) => ({ ...arm })),
    };
    return { results, sections: punishmentReport(results) };
  },
});

function windows<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

function mean(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0) / Math.max(1, values.length);
}
